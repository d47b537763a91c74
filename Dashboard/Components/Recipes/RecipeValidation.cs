using Dashboard.Training.Models;
using System.Text.RegularExpressions;
using Dashboard.Training.Recipes;

namespace Dashboard.Components.Recipes;

/// <summary>
/// Checks a draft the way the server will: the form's own checks (a learning-rate text that is not numbers),
/// then <see cref="RecipeParser"/> on the JSON it would submit. The parser stops at the first problem, so the
/// data settings and each step are parsed on their own, again after each wrong field is put back to a plain value
/// (<see cref="DraftFieldReset"/>), and every field with a problem gets its message.
/// Errors are keyed by form field ("size", "steps[2].lr", …) so each shows on the field it is about.
/// </summary>
public static partial class RecipeValidation
{
    public const string FormLevel = "";

    private static readonly StepDraft PlainStep = StepDraft.Switch(StepKind.Tta, true);
    private static readonly RecipeDraft PlainData = new();

    /// <summary>At most this many problems are looked for in one part (the data settings, or one step).</summary>
    private const int MaxProblemsPerPart = 16;

    public static Dictionary<string, string> Validate(RecipeDraft draft)
    {
        var errors = LocalErrors(draft);
        CheckData(errors, draft);
        for (int i = 0; i < draft.Steps.Count; i++) CheckStep(errors, draft, i);
        if (errors.Count == 0) Check(errors, RecipeDraftJson.ToJson(draft), path => path);
        return errors;
    }

    /// <summary>Parses the data settings with one plain step, putting back each wrong field and parsing again.</summary>
    private static void CheckData(Dictionary<string, string> errors, RecipeDraft draft)
    {
        var data = DraftFieldReset.CopyOfData(draft);
        var seen = errors.Keys.Where(k => !k.StartsWith("steps", StringComparison.Ordinal)).ToHashSet();
        foreach (var field in seen) DraftFieldReset.Reset(data, field);
        for (int tries = 0; tries < MaxProblemsPerPart; tries++)
        {
            var field = Check(errors, RecipeDraftJson.ToJson(data, [PlainStep]), path => path);
            if (field is null || !seen.Add(field) || !DraftFieldReset.Reset(data, field)) return;
        }
    }

    /// <summary>Parses one step with plain data settings, putting back each wrong field and parsing again.</summary>
    private static void CheckStep(Dictionary<string, string> errors, RecipeDraft draft, int index)
    {
        var prefix = $"steps[{index}].";
        var step = DraftFieldReset.CopyOf(draft.Steps[index]);
        var seen = errors.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToHashSet();
        foreach (var key in seen) DraftFieldReset.Reset(step, key[prefix.Length..]);
        for (int tries = 0; tries < MaxProblemsPerPart; tries++)
        {
            var field = Check(errors, RecipeDraftJson.ToJson(PlainData, [step]), path => path.Replace("$.steps[0]", $"$.steps[{index}]"));
            if (field is null || !field.StartsWith(prefix, StringComparison.Ordinal) || !seen.Add(field) || !DraftFieldReset.Reset(step, field[prefix.Length..])) return;
        }
    }

    /// <returns>The form field the parser refused (its message added unless the field has one already), or null.</returns>
    private static string? Check(Dictionary<string, string> errors, string json, Func<string, string> inDraft)
    {
        try
        {
            RecipeParser.Parse(json);
            return null;
        }
        catch (RecipeException e)
        {
            var field = FieldOf(inDraft(e.Field));
            errors.TryAdd(field, Problem(e));
            return field;
        }
    }

    /// <summary>The form field a recipe JSON path (<see cref="RecipeException.Field"/>) is about.</summary>
    public static string FieldOf(string jsonPath)
    {
        var step = StepPath().Match(jsonPath);
        if (step.Success)
        {
            var index = step.Groups["index"].Value;
            var field = step.Groups["field"].Success ? step.Groups["field"].Value : step.Groups["kind"].Value;
            return field is "" or "precompute" or "unfreeze" or "tta" or "freezeTo" ? $"steps[{index}]"
                : field is "save" or "load" ? $"steps[{index}].name"
                : $"steps[{index}].{field}";
        }
        return jsonPath switch
        {
            "$.data.path" => "dataset",
            "$.data.size" => "size",
            "$.data.batchSize" => "batchSize",
            "$.data.augment" => "augment",
            "$.data.maxZoom" => "maxZoom",
            "$.arch" => "arch",
            "$.weights" => "weights",
            "$.seed" => "seed",
            "$.precision" => "precision",
            "$.precompute" => "precompute",
            "$.steps" => "steps",
            _ => FormLevel,
        };
    }

    /// <summary>A form field key as a reader would name it: "steps[3].lr" is "step 4: learning rate(s)".</summary>
    public static string Describe(string field)
    {
        var step = StepKey().Match(field);
        var name = step.Success ? step.Groups["field"].Value : field;
        var label = name switch
        {
            "" => "",
            "lr" => "learning rate(s)",
            "maxIterations" => "max iterations",
            "baseLr" => "base learning rate",
            "freezeEpochs" => "freeze epochs",
            "cycleLen" => "cycle length",
            "cycleMult" => "cycle mult",
            "name" => "checkpoint name",
            "batchSize" => "batch size",
            "size" => "image size",
            "maxZoom" => "max zoom",
            "arch" => "architecture",
            "augment" => "augmentation",
            _ => name,
        };
        if (!step.Success) return label;
        var number = int.Parse(step.Groups["index"].Value) + 1;
        return label == "" ? $"step {number}" : $"step {number}: {label}";
    }

    /// <summary>The message without its leading JSON path: the field already says where.</summary>
    public static string Problem(RecipeException e) =>
        e.Message.StartsWith(e.Field + ": ", StringComparison.Ordinal) ? e.Message[(e.Field.Length + 2)..] : e.Message;

    private static string RatesNeeded(string arch)
    {
        int groups = Backbones.Architectures.Contains(arch) ? Backbones.LayerGroupCount(arch) : Backbones.LayerGroupCount("resnet18");
        return $"enter a learning rate, or {groups} separated by commas ({RecipeChecks.LayerGroupNames(groups)})";
    }

    private static Dictionary<string, string> LocalErrors(RecipeDraft draft)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(draft.Dataset)) errors["dataset"] = "choose a dataset";
        if (draft.Arch != "resnet18" && string.IsNullOrWhiteSpace(draft.Weights))
            errors["weights"] = $"{draft.Arch} needs a weights file (.pth or .safetensors)";
        if (draft.Steps.Count == 0) errors["steps"] = "add at least one step";
        foreach (var (field, message) in draft.Unreadable) errors[field] = message;
        for (int i = 0; i < draft.Steps.Count; i++)
        {
            var step = draft.Steps[i];
            foreach (var (field, message) in step.Unreadable) errors[field == "groups" ? $"steps[{i}]" : $"steps[{i}].{field}"] = message;
            if (step.Kind == StepKind.Fit && RecipeDraftJson.ParseRates(step.LearningRates) is not { Count: > 0 })
                errors[$"steps[{i}].lr"] = RatesNeeded(draft.Arch);
            if (step.Kind is StepKind.Save or StepKind.Load && string.IsNullOrWhiteSpace(step.Name))
                errors[$"steps[{i}].name"] = "enter a checkpoint name";
        }
        return errors;
    }

    [GeneratedRegex(@"^steps\[(?<index>\d+)\](\.(?<field>\w+))?$")]
    private static partial Regex StepKey();

    [GeneratedRegex(@"^\$\.steps\[(?<index>\d+)\](\.(?<kind>\w+)(\.(?<field>\w+))?)?")]
    private static partial Regex StepPath();
}
