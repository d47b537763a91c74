"""conv_learner.ConvnetBuilder and the freezing helpers of core.py and model.py."""
from collections import OrderedDict

import torch
from torchvision.models.resnet import BasicBlock, ResNet

HEAD_HIDDEN, HEAD_DROPOUTS = 512, (0.25, 0.5)  # ConvnetBuilder: xtra_fc=[512], ps=[0.25, 0.5]
LR_CUT, BODY_CHILDREN = 6, 8  # conv_learner.model_meta[resnet18] = [8, 6]: cut after 8 children, groups split at 6


def build_model(weights, classes):
    """ConvnetBuilder(f, c, is_multi=False, is_reg=False) (conv_learner.py): top_model = the body's first 8 children
    (cut_model) + AdaptiveConcatPool2d + Flatten; fc_model = get_fc_layers() ending in LogSoftmax, initialised by
    apply_init(fc_model, kaiming_normal) (initializers.cond_init: every non-BatchNorm weight, biases zero)."""
    nn = torch.nn

    class AdaptiveConcatPool2d(nn.Module):  # layers.AdaptiveConcatPool2d: max then average
        def forward(self, x):
            return torch.cat([nn.functional.adaptive_max_pool2d(x, 1), nn.functional.adaptive_avg_pool2d(x, 1)], 1)

    resnet = ResNet(BasicBlock, [2, 2, 2, 3])  # the dashboard's ResNet-18 (a CNTK export) has 3 blocks in layer4
    body = list(resnet.named_children())[:BODY_CHILDREN]
    top = nn.Sequential(OrderedDict(body + [("pool", AdaptiveConcatPool2d()), ("flatten", nn.Flatten())]))
    top.load_state_dict(torch.load(weights), strict=True)
    widths = [2 * [m for m in top.modules() if isinstance(m, nn.BatchNorm2d)][-1].num_features, HEAD_HIDDEN, classes]
    layers = []
    for i, dropout in enumerate(HEAD_DROPOUTS):  # create_fc_layer(ni, nf, p, actn)
        layers += [nn.BatchNorm1d(widths[i]), nn.Dropout(dropout), nn.Linear(widths[i], widths[i + 1])]
        layers.append(nn.ReLU() if i < len(HEAD_DROPOUTS) - 1 else nn.LogSoftmax(dim=1))
    head = nn.Sequential(*layers)
    for module in head.modules():
        if isinstance(module, nn.Linear):
            nn.init.kaiming_normal_(module.weight)
            module.bias.data.fill_(0.)
    return top, head


def apply_leaf(module, fn):
    """core.apply_leaf: fn on the module, then on each child (so a child's mode wins over its parent's)."""
    fn(module)
    for child in module.children():
        apply_leaf(child, fn)


def set_trainable(group, trainable):
    """core.set_trainable / set_trainable_attr: the flag and requires_grad on every module of the group."""
    def mark(module):
        module.trainable = trainable
        for parameter in module.parameters():
            parameter.requires_grad = trainable
    for module in group:
        apply_leaf(module, mark)


def set_train_mode(module):
    """model.set_train_mode: BatchNorm of a module that does not train stays in eval mode while the model trains."""
    if hasattr(module, "running_mean") and not getattr(module, "trainable", False):
        module.eval()
    else:
        module.train()
