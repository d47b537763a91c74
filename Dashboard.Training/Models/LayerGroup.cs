using static TorchSharp.torch;

namespace Dashboard.Training.Models;

/// <summary>
/// A named view over modules that a backbone already owns, so one group's <c>parameters()</c> can be frozen
/// or given its own learning rate. Keep it out of the owner's registered fields (it would duplicate the
/// state_dict keys) and do not dispose it: the owner disposes the members.
/// </summary>
public sealed class LayerGroup : nn.Module
{
    public LayerGroup(string name, params (string Name, nn.Module Module)[] members) : base(name)
    {
        foreach (var (memberName, module) in members)
            register_module(memberName, module);
    }
}
