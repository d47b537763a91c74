"""learner.py, model.py, layer_optimizer.py and sgdr.py: ConvLearner's precompute, freezing, fit and TTA."""
import math
import sys

import numpy as np
import torch

from . import say
from .data import ArrayData
from .model import LR_CUT, apply_leaf, set_train_mode, set_trainable

MOMENTUM = 0.9  # core.SGD_Momentum(0.9): Learner's default opt_fn
WEIGHT_DECAY = 0.0  # learner.fit(wds=None) -> LayerOptimizer: `if wds is None: wds=0.`
LOSS_SMOOTHING = 0.98  # model.fit: avg_mom, the printed trn_loss is the debiased moving average
TTA_AUGMENTED_VIEWS = 4  # learner.TTA(n_aug=4): the plain prediction plus 4 augmented ones


def listify(values, groups):
    """core.listify: one value for every layer group."""
    values = list(values) if isinstance(values, (list, tuple)) else [values]
    if len(values) == 1:
        values = values * len(groups)
    if len(values) != len(groups):
        sys.exit(f"{len(values)} learning rates for {len(groups)} layer groups")
    return values


def sum_geom(a, r, n):
    """core.sum_geom: epochs of n cycles of a, a*r, a*r^2... epochs."""
    return a * n if r == 1 else math.ceil(a * (1 - r ** n) / (1 - r))


class ConstantRates:
    """sgdr.LossRecorder, fit's scheduler without cycle_len: the rates stay as given."""

    def __init__(self, rates):
        self.rates = np.array(rates, dtype=np.float64)

    def next(self):
        return self.rates


class CosAnneal:
    """sgdr.CosAnneal(layer_opt, nb = batches * cycle_len, cycle_mult), its calc_lr once before every batch:
    while the fit's iteration < nb/20 the rates are lr/100 (the cycle position still advances); otherwise
    lr/2 * (cos(pi * cycle_iter / nb) + 1); at the end of a cycle it restarts with nb *= cycle_mult."""

    def __init__(self, rates, nb, cycle_mult):
        self.init_rates, self.nb, self.cycle_mult = np.array(rates, dtype=np.float64), nb, cycle_mult
        self.iteration = self.cycle_iter = 0

    def next(self):
        if self.iteration < self.nb / 20:
            self.cycle_iter += 1
            rates = self.init_rates / 100.
        else:
            cos_out = np.cos(np.pi * self.cycle_iter / self.nb) + 1
            self.cycle_iter += 1
            if self.cycle_iter == self.nb:
                self.cycle_iter = 0
                self.nb *= self.cycle_mult
            rates = self.init_rates / 2 * cos_out
        self.iteration += 1
        return rates


def trainable_params(group):
    """core.chain_params: the parameters of the group that train now."""
    return [p for module in group for p in module.parameters() if p.requires_grad]


def validate(model, loader):
    """model.validate: eval mode, no gradients; loss and accuracy averaged over batches weighted by their size."""
    model.eval()
    losses, hits, count = 0., 0, 0
    with torch.no_grad():
        for x, y in loader:
            output = model(x)
            losses += torch.nn.functional.nll_loss(output, y).item() * len(y)
            hits += (output.argmax(1) == y).sum().item()
            count += len(y)
    return losses / count, hits / count


def predict_with_targs(model, loader):
    """model.predict_with_targs: log-probabilities and targets in eval mode."""
    model.eval()
    outputs, targets = [], []
    with torch.no_grad():
        for x, y in loader:
            outputs.append(model(x))
            targets.append(y)
    return torch.cat(outputs), torch.cat(targets)


class ConvLearner:
    """conv_learner.ConvLearner over the built model: precompute, freezing, fit and TTA with 0.7's semantics."""

    def __init__(self, data, top, head, precompute, generator):
        self.image_data, self.top, self.head, self.generator = data, top, head, generator
        self.full = torch.nn.Sequential(top, head)  # ConvnetBuilder.model: the same modules, body then head
        self.fc_data, self.precompute, self.fits = None, False, 0
        if precompute:
            self.save_fc1()
        self.freeze()  # ConvLearner.__init__: freeze() while precompute is still False, so over the 3 groups
        self.precompute = precompute

    @property
    def data(self):
        return self.fc_data if self.precompute else self.image_data

    @property
    def model(self):
        return self.head if self.precompute else self.full

    def layer_groups(self):
        """ConvnetBuilder.get_layer_groups: the head alone when precomputed, else children[:6], children[6:], head."""
        if self.precompute:
            return [[self.head]]
        children = list(self.top.children())
        return [children[:LR_CUT], children[LR_CUT:], [self.head]]

    def freeze_to(self, n):
        groups = self.layer_groups()
        for group in groups:
            set_trainable(group, False)
        for group in groups[n:]:
            set_trainable(group, True)

    def freeze(self):
        self.freeze_to(-1)

    def unfreeze(self):
        self.freeze_to(0)
        self.precompute = False

    def set_precompute(self, enabled):
        """`learn.precompute = ...` as the lesson writes it; turning it on computes the activations if not yet done."""
        if enabled and self.fc_data is None:
            self.save_fc1()
        self.precompute = enabled

    def save_fc1(self):
        """ConvLearner.save_fc1 + model.predict_to_bcolz: top_model in eval mode over fix_dl and val_dl."""
        say("precomputing activations of the frozen body")
        train = predict_with_targs(self.top, self.image_data.fix_dl)
        valid = predict_with_targs(self.top, self.image_data.val_dl)
        self.fc_data = ArrayData(train, valid, self.image_data.batch_size, self.generator)

    def fit(self, rates, n_cycle, cycle_len=None, cycle_mult=1):
        """learner.fit -> fit_gen -> model.fit: a new SGD_Momentum(0.9) over the trainable parameters, one group per
        layer group, weight decay 0; CosAnneal with cycle_len, else constant rates; then the epochs."""
        groups = self.layer_groups()
        rates = listify(rates, groups)
        optimizer = torch.optim.SGD([{"params": trainable_params(g), "lr": r, "weight_decay": WEIGHT_DECAY}
                                     for g, r in zip(groups, rates)], lr=rates[-1], momentum=MOMENTUM)
        data, model = self.data, self.model
        schedule = CosAnneal(rates, len(data.trn_dl) * cycle_len, cycle_mult) if cycle_len else ConstantRates(rates)
        epochs, head_rates, avg_loss, batch_num = [], [], 0., 0
        for epoch in range(int(sum_geom(cycle_len or 1, cycle_mult, n_cycle))):
            apply_leaf(model, set_train_mode)  # Stepper.reset(True)
            for x, y in data.trn_dl:
                batch_num += 1
                for group, rate in zip(optimizer.param_groups, schedule.next()):
                    group["lr"] = float(rate)
                head_rates.append(optimizer.param_groups[-1]["lr"])
                loss = self.step(model, optimizer, x, y)
                avg_loss = avg_loss * LOSS_SMOOTHING + loss * (1 - LOSS_SMOOTHING)
            valid_loss, accuracy = validate(model, data.val_dl)
            train_loss = avg_loss / (1 - LOSS_SMOOTHING ** batch_num)
            epochs.append({"fit": self.fits, "epoch": epoch, "trainLoss": train_loss, "validLoss": valid_loss, "accuracy": accuracy})
            say(f"fit {self.fits} epoch {epoch}: trn_loss {train_loss:.4f} val_loss {valid_loss:.4f} accuracy {accuracy:.4f}")
        self.fits += 1
        return epochs, head_rates

    @staticmethod
    def step(model, optimizer, x, y):
        """model.Stepper.step: forward, zero_grad, NLL on the log-softmax, backward, step (no weight decay term)."""
        output = model(x)
        optimizer.zero_grad()
        loss = torch.nn.functional.nll_loss(output, y)
        loss.backward()
        optimizer.step()
        return loss.item()

    def tta(self):
        """learner.TTA(n_aug=4): the plain validation prediction and 4 passes over aug_dl; the lesson then takes
        np.mean(np.exp(log_preds), 0), the mean of the probabilities."""
        plain, targets = predict_with_targs(self.model, self.data.val_dl)
        views = [plain] + [predict_with_targs(self.model, self.data.aug_dl)[0] for _ in range(TTA_AUGMENTED_VIEWS)]
        probabilities = torch.stack(views).exp().mean(0)
        return (plain.argmax(1) == targets).float().mean().item(), (probabilities.argmax(1) == targets).float().mean().item()
