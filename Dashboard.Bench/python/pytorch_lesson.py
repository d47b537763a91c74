#!/usr/bin/env python3
"""fastai 0.7's lesson-1 recipe in plain PyTorch: the reference for `dotnet run --project Dashboard -- bench accuracy`.

Runs the recipe JSON the dashboard runs (data, precompute, steps fit / precompute / unfreeze / tta) on the dashboard's
own pretrained ResNet-18 body, exported to a .pth state_dict, with fastai 0.7's semantics: the pieces are in fastai07/
beside this script, each naming the 0.7 function it mirrors (fastai's old/fastai/*.py); nothing of fastai is imported.
Before training, the body and its input normalisation are checked against the dashboard's features on one batch (--probe).

Prints one JSON object on stdout, progress on stderr. Without torch/torchvision it prints
{"available": false, "reason": ...} and exits 0. Run it with the interpreter that has torch (on Debian:
/usr/bin/python3 with python3-torch and python3-torchvision).
"""
import argparse
import json
import random
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ beside the checked-in modules
try:
    import numpy as np
    import torch
    import torchvision
    from fastai07 import say
    from fastai07.data import LessonData
    from fastai07.learner import MOMENTUM, WEIGHT_DECAY, ConvLearner
    from fastai07.model import BODY_CHILDREN, build_model
    from fastai07.transforms import BodyNormalisation, TrainTransform, ValidTransform
    MISSING = None
except ImportError as import_error:
    MISSING = f"{sys.executable}: {import_error}"


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
