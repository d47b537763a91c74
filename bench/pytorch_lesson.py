#!/usr/bin/env python3
"""fastai 0.7's lesson-1 recipe in plain PyTorch: the reference for `dotnet run --project Dashboard -- bench accuracy`.

Runs the recipe JSON the dashboard runs (data, precompute, steps fit / precompute / unfreeze / tta) on the dashboard's
own pretrained ResNet-18 body, exported to a .pth state_dict, with fastai 0.7's semantics. Each part names the 0.7
function it mirrors (fastai's old/fastai/*.py); nothing of fastai is imported. Before training, the body and its input
normalisation are checked against the dashboard's features on one batch (--probe).

Prints one JSON object on stdout, progress on stderr. Without torch/torchvision it prints
{"available": false, "reason": ...} and exits 0. Run it with the interpreter that has torch (on Debian:
/usr/bin/python3 with python3-torch and python3-torchvision).
"""
import argparse
import json
import math
import os
import random
import sys
import time

try:
    import numpy as np
    import torch
    import torchvision
    from PIL import Image
    MISSING = None
except ImportError as import_error:
    MISSING = f"{sys.executable}: {import_error}"

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp")
MOMENTUM = 0.9  # core.SGD_Momentum(0.9): Learner's default opt_fn
WEIGHT_DECAY = 0.0  # learner.fit(wds=None) -> LayerOptimizer: `if wds is None: wds=0.`
LOSS_SMOOTHING = 0.98  # model.fit: avg_mom, the printed trn_loss is the debiased moving average
TTA_AUGMENTED_VIEWS = 4  # learner.TTA(n_aug=4): the plain prediction plus 4 augmented ones
HEAD_HIDDEN, HEAD_DROPOUTS = 512, (0.25, 0.5)  # ConvnetBuilder: xtra_fc=[512], ps=[0.25, 0.5]
LR_CUT, BODY_CHILDREN = 6, 8  # conv_learner.model_meta[resnet18] = [8, 6]: cut after 8 children, groups split at 6
PROBABILITIES = {"scale": 0.75, "rotate": 0.75, "flip": 0.5}  # RandomScale(p=0.75), RandomRotate(p=0.75), RandomFlip(p=0.5)


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipe", help="the recipe JSON the dashboard runs")
    parser.add_argument("--weights", help="the body's state_dict (.pth), torchvision key names")
    parser.add_argument("--probe", help=".pth with 'images' (N,3,H,W RGB in [0,1]) and the dashboard's 'features' for them")
    parser.add_argument("--normalisation", help='JSON {"reverseChannels", "scale", "mean", "std"}: the body\'s input convention')
    parser.add_argument("--max-rotation", type=float, default=10.0, help="RandomRotate(deg)")
    parser.add_argument("--max-lighting", type=float, default=0.05, help="RandomLighting(b, c)")
    parser.add_argument("--feature-tolerance", type=float, default=1e-3, help="largest feature difference, relative to the largest feature")
    parser.add_argument("--threads", type=int, default=2, help="torch.set_num_threads")
    parser.add_argument("--workers", type=int, default=1, help="DataLoader worker processes")
    parser.add_argument("--versions", action="store_true", help="only say whether torch is there, and its versions")
    return parser.parse_args()


def say(message):
    print(f"pytorch_lesson: {message}", file=sys.stderr, flush=True)


# ---- images: transforms.py and dataset.py (cv2 there; PIL and torch here, same geometry) ----

def open_image(path):
    """dataset.open_image: RGB float32 in [0, 1], height x width x 3."""
    with Image.open(path) as image:
        return np.asarray(image.convert("RGB"), dtype=np.float32) / 255


def resize(image, width, height):
    """cv2.resize(INTER_AREA): pixel-area averaging when shrinking (PIL's box filter), bilinear when enlarging."""
    shrinking = width * height < image.shape[0] * image.shape[1]
    method = Image.BOX if shrinking else Image.BILINEAR
    channels = [np.asarray(Image.fromarray(image[..., k], mode="F").resize((width, height), method)) for k in range(3)]
    return np.stack(channels, axis=-1)


def scale_min(image, target):
    """transforms.scale_min + scale_to: the shorter side becomes `target`, the longer one floor(x * ratio)."""
    rows, cols = image.shape[:2]
    ratio = target / min(rows, cols)
    return resize(image, max(math.floor(cols * ratio), target), max(math.floor(rows * ratio), target))


def rotate(image, degrees):
    """transforms.rotate_cv: cv2.getRotationMatrix2D((c//2, r//2), deg, 1) + warpAffine, same size, BORDER_REFLECT,
    bilinear (warpAffine has no area mode). Each output pixel samples the source at the inverse rotation; grid_sample's
    'reflection' (align_corners=False) mirrors about the outer pixel edges, as BORDER_REFLECT does."""
    rows, cols = image.shape[:2]
    cx, cy = cols // 2, rows // 2
    cos, sin = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    ys, xs = np.mgrid[0:rows, 0:cols].astype(np.float64)
    source_x = cos * (xs - cx) - sin * (ys - cy) + cx
    source_y = sin * (xs - cx) + cos * (ys - cy) + cy
    grid = np.stack([(2 * source_x + 1) / cols - 1, (2 * source_y + 1) / rows - 1], axis=-1).astype(np.float32)
    pixels = torch.from_numpy(np.ascontiguousarray(image.transpose(2, 0, 1)))[None]
    sampled = torch.nn.functional.grid_sample(pixels, torch.from_numpy(grid)[None], mode="bilinear",
                                              padding_mode="reflection", align_corners=False)
    return sampled[0].numpy().transpose(1, 2, 0)


def lighting(image, brightness, contrast):
    """transforms.lighting: around the image's mean, clipped to [0, 1]."""
    if brightness == 0 and contrast == 1:
        return image
    mean = np.average(image)
    return np.clip((image - mean) * contrast + mean + brightness, 0., 1.).astype(np.float32)


def rand0(limit):
    """transforms.rand0: uniform in [-limit, limit)."""
    return random.random() * (limit * 2) - limit


def crop(image, row, col, size):
    return image[row:row + size, col:col + size]


class BodyNormalisation:
    """Takes the place of 0.7's Normalize(imagenet_stats) at the same point of the pipeline: the input convention of the
    dashboard's body (its InputNormalisation: optionally RGB -> BGR, times scale, minus mean, over std), so both sides
    feed the body identical numbers."""

    def __init__(self, spec):
        self.reverse = bool(spec["reverseChannels"])
        self.scale = np.float32(spec["scale"])
        self.mean = np.array(spec["mean"], dtype=np.float32)
        self.std = np.array(spec["std"], dtype=np.float32)

    def __call__(self, image):
        ordered = image[..., ::-1] if self.reverse else image
        return ((ordered * self.scale - self.mean) / self.std).astype(np.float32)


class TrainTransform:
    """tfms_from_model(arch, sz, aug_tfms=transforms_side_on, max_zoom)[0] (image_gen, crop_type=RANDOM):
    RandomScale(sz, max_zoom) -> RandomRotate(10) -> RandomLighting(0.05, 0.05) -> RandomFlip -> RandomCrop(sz)
    -> Normalize -> ChannelOrder. Random draws in 0.7's order, from Python's `random`."""

    def __init__(self, size, max_zoom, max_rotation, max_lighting, normalise):
        self.size, self.max_zoom, self.max_rotation, self.max_lighting, self.normalise = size, max_zoom, max_rotation, max_lighting, normalise

    def __call__(self, image):
        zoom = random.uniform(1., self.max_zoom) if random.random() < PROBABILITIES["scale"] else 1  # RandomScale.set_state
        image = scale_min(image, int(zoom * self.size))
        degrees, rotates = rand0(self.max_rotation), random.random() < PROBABILITIES["rotate"]  # RandomRotate.set_state
        if rotates:
            image = rotate(image, degrees)
        brightness, contrast = rand0(self.max_lighting), rand0(self.max_lighting)  # RandomLighting.set_state
        image = lighting(image, brightness, -1 / (contrast - 1) if contrast < 0 else contrast + 1)
        if random.random() < PROBABILITIES["flip"]:  # RandomFlip
            image = image[:, ::-1]
        rows, cols = image.shape[:2]
        row_draw, col_draw = random.uniform(0, 1), random.uniform(0, 1)  # RandomCrop.set_state
        image = crop(image, math.floor(row_draw * (rows - self.size)), math.floor(col_draw * (cols - self.size)), self.size)
        return np.ascontiguousarray(self.normalise(image).transpose(2, 0, 1))


class ValidTransform:
    """tfms_from_model(...)[1]: Scale(sz) -> CenterCrop(sz) -> Normalize -> ChannelOrder."""

    def __init__(self, size, normalise):
        self.size, self.normalise = size, normalise

    def __call__(self, image):
        image = scale_min(image, self.size)
        rows, cols = image.shape[:2]
        image = crop(image, math.ceil((rows - self.size) / 2), math.ceil((cols - self.size) / 2), self.size)  # center_crop
        return np.ascontiguousarray(self.normalise(image).transpose(2, 0, 1))


def read_dirs(folder):
    """dataset.read_dirs / folder_source: classes are the sorted subfolders, labels their indices (files sorted here)."""
    classes = sorted(name for name in os.listdir(folder) if os.path.isdir(os.path.join(folder, name)))
    files, labels = [], []
    for index, name in enumerate(classes):
        for file in sorted(os.listdir(os.path.join(folder, name))):
            if file.lower().endswith(IMAGE_EXTENSIONS):
                files.append(os.path.join(folder, name, file))
                labels.append(index)
    return files, labels, classes


def image_dataset(files, labels, transform):
    """dataset.FilesIndexArrayDataset: (transformed image, label)."""

    class Files(torch.utils.data.Dataset):
        def __len__(self):
            return len(files)

        def __getitem__(self, index):
            return torch.from_numpy(transform(open_image(files[index]))), labels[index]

    return Files()


def seed_worker(_):
    """Each DataLoader worker draws its augmentations from its own seeded `random` and numpy."""
    seed = torch.initial_seed() % 2 ** 32
    random.seed(seed)
    np.random.seed(seed)


class LessonData:
    """ImageClassifierData.from_paths(path, bs, tfms) (dataset.py): train (shuffled, augmented), val, fix (training
    files with the validation transform, in order: what precompute reads) and aug (validation files with the training
    transform: what TTA reads). 0.7's DataLoader keeps the last, smaller batch."""

    def __init__(self, folder, batch_size, train_transform, valid_transform, workers, generator):
        train_files, train_labels, self.classes = read_dirs(os.path.join(folder, "train"))
        valid_files, valid_labels, valid_classes = read_dirs(os.path.join(folder, "valid"))
        if valid_classes != self.classes:
            sys.exit(f"{folder}: train/ and valid/ have different class folders")
        self.batch_size, self.workers, self.generator = batch_size, workers, generator
        self.train_labels, self.valid_labels = torch.tensor(train_labels), torch.tensor(valid_labels)
        self.trn_dl = self.loader(image_dataset(train_files, train_labels, train_transform), shuffle=True)
        self.val_dl = self.loader(image_dataset(valid_files, valid_labels, valid_transform), shuffle=False)
        self.fix_dl = self.loader(image_dataset(train_files, train_labels, valid_transform), shuffle=False)
        self.aug_dl = self.loader(image_dataset(valid_files, valid_labels, train_transform), shuffle=False)

    def loader(self, dataset, shuffle):
        return torch.utils.data.DataLoader(dataset, batch_size=self.batch_size, shuffle=shuffle, num_workers=self.workers,
                                           worker_init_fn=seed_worker, generator=self.generator)


class ArrayData:
    """ImageClassifierData.from_arrays((act, trn_y), (val_act, val_y), bs) in ConvLearner.save_fc1: the cached
    activations, training ones shuffled. Arrays have no transforms, so TTA's augmented views are the plain ones."""

    def __init__(self, train, valid, batch_size, generator):
        self.trn_dl = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(*train), batch_size=batch_size,
                                                  shuffle=True, generator=generator)
        self.val_dl = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(*valid), batch_size=batch_size)
        self.aug_dl = self.val_dl


def build_model(weights, classes):
    """ConvnetBuilder(f, c, is_multi=False, is_reg=False) (conv_learner.py): top_model = the body's first 8 children
    (cut_model) + AdaptiveConcatPool2d + Flatten; fc_model = get_fc_layers() ending in LogSoftmax, initialised by
    apply_init(fc_model, kaiming_normal) (initializers.cond_init: every non-BatchNorm weight, biases zero)."""
    nn = torch.nn
    from collections import OrderedDict
    from torchvision.models.resnet import BasicBlock, ResNet

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


def run_steps(recipe, learner):
    """The recipe's steps, as the lesson's notebook cells."""
    result = {"epochs": [], "stageAccuracy": [], "learningRates": [], "ttaAccuracy": None, "ttaPlainAccuracy": None}
    for index, step in enumerate(recipe["steps"]):
        (name, value), = step.items()
        if name == "fit":
            if value.get("oneCycle"):
                sys.exit(f"step {index + 1}: oneCycle has no fastai 0.7 counterpart here")
            epochs, rates = learner.fit(value["lr"], value.get("cycles", 1), value.get("cycleLen"), value.get("cycleMult", 1))
            result["epochs"] += epochs
            result["stageAccuracy"].append(epochs[-1]["accuracy"])
            result["learningRates"].append(rates)
        elif name == "precompute":
            learner.set_precompute(bool(value))
        elif name == "unfreeze":
            learner.unfreeze() if value else learner.freeze()
        elif name == "tta":
            if value:
                result["ttaPlainAccuracy"], result["ttaAccuracy"] = learner.tta()
                say(f"TTA: accuracy {result['ttaPlainAccuracy']:.4f} -> {result['ttaAccuracy']:.4f}")
        else:
            sys.exit(f"step {index + 1} ({name}) is not part of this reference")
    if not result["epochs"]:
        sys.exit("the recipe has no fit step")
    result["accuracy"] = result["epochs"][-1]["accuracy"]
    return result


def check_features(top, normalise, probe, tolerance):
    """Same weights, same input convention: the dashboard's body features for the probe images (RGB in [0, 1]),
    recomputed here with this script's normalisation and the loaded body, both in eval mode."""
    saved = torch.load(probe)
    images, expected = saved["images"], saved["features"]
    inputs = np.stack([normalise(image) for image in images.permute(0, 2, 3, 1).numpy()]).transpose(0, 3, 1, 2)
    body = torch.nn.Sequential(*list(top.children())[:BODY_CHILDREN]).eval()
    with torch.no_grad():
        actual = body(torch.from_numpy(np.ascontiguousarray(inputs)))
    difference, largest = (actual - expected).abs().max().item(), expected.abs().max().item()
    say(f"features on {len(images)} probe images: max abs difference {difference:.3g} (largest feature {largest:.3g})")
    if not difference <= tolerance * largest:
        sys.exit(f"the PyTorch body does not reproduce the dashboard's features: max abs difference {difference:.3g}, "
                 f"more than {tolerance:g} x the largest feature {largest:.3g}")
    return {"featureMaxAbsDiff": difference, "featureMaxAbs": largest, "probeImages": len(images)}


def run(recipe, args):
    seed = recipe.get("seed", 0)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(args.threads)
    settings = recipe["data"]
    size, batch_size, augment = settings.get("size", 224), settings.get("batchSize", 32), settings.get("augment", "side_on")
    if augment != "side_on":
        sys.exit(f"augment '{augment}': this reference has fastai 0.7's transforms_side_on only")
    started = time.perf_counter()
    normalise = BodyNormalisation(json.loads(args.normalisation))
    generator = torch.Generator().manual_seed(seed)
    train_transform = TrainTransform(size, settings.get("maxZoom", 1.1), args.max_rotation, args.max_lighting, normalise)
    data = LessonData(settings["path"], batch_size, train_transform, ValidTransform(size, normalise), args.workers, generator)
    top, head = build_model(args.weights, len(data.classes))
    check = check_features(top, normalise, args.probe, args.feature_tolerance)
    learner = ConvLearner(data, top, head, recipe.get("precompute", False), generator)
    result = run_steps(recipe, learner)
    return {"available": True, **result, **check, "seconds": time.perf_counter() - started,
            "size": size, "batchSize": batch_size, "weightDecay": WEIGHT_DECAY, "momentum": MOMENTUM,
            "trainImages": len(data.train_labels), "validImages": len(data.valid_labels), "classes": len(data.classes),
            "threads": torch.get_num_threads(), "workers": args.workers}


def main():
    args = parse_arguments()
    if MISSING:
        print(json.dumps({"available": False, "reason": MISSING}))
        return
    versions = {"torchVersion": torch.__version__, "torchvisionVersion": torchvision.__version__, "python": sys.version.split()[0]}
    if args.versions:
        print(json.dumps({"available": True, **versions}))
        return
    missing = [name for name in ("recipe", "weights", "probe", "normalisation") if getattr(args, name) is None]
    if missing:
        sys.exit("missing " + ", ".join("--" + name for name in missing))
    with open(args.recipe) as file:
        recipe = json.load(file)
    print(json.dumps({**run(recipe, args), **versions}))


if __name__ == "__main__":
    main()
