#!/usr/bin/env python3
"""Training throughput of the PyTorch + torchvision pipeline, the reference for `dotnet run --project Dashboard -- bench`.

Same work as the dashboard's pipeline: JPEG decode, augmentation (random resized crop, horizontal flip, rotation
up to 10 degrees, brightness/contrast 0.05), resize, batch, then forward, backward and an SGD step (momentum 0.9)
of a ResNet-18 body with fastai's head (concat pooling, BatchNorm/Dropout/Linear 512/ReLU/BatchNorm/Dropout/Linear),
every layer training. Random weights: the compute is the same as with pretrained ones. With --precision bf16 the
forward pass and the loss run under torch.autocast('cpu', dtype=torch.bfloat16), backward outside it, as PyTorch
documents for mixed precision.

Prints one JSON object on stdout. Without torch/torchvision it prints {"available": false, "reason": ...} and exits 0.
Run it with the interpreter that has torch (on Debian: /usr/bin/python3 with python3-torch, python3-torchvision).
"""
import argparse
import contextlib
import json
import os
import sys
import time

IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STD = [0.229, 0.224, 0.225]


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="a folder of class subfolders (e.g. DATASET/train)")
    parser.add_argument("--size", type=int, default=224, help="output images are size x size")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--warmup-batches", type=int, default=1, help="batches run before the clock starts")
    parser.add_argument("--batches", type=int, default=4, help="batches timed after the warm-up")
    parser.add_argument("--threads", type=int, default=2, help="torch.set_num_threads: intra-op threads of the training process")
    parser.add_argument("--workers", type=int, default=1, help="DataLoader worker processes decoding and augmenting")
    parser.add_argument("--learning-rate", type=float, default=1e-3)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--precision", choices=["fp32", "bf16"], default="fp32",
                        help="bf16: forward and loss under torch.autocast('cpu', dtype=torch.bfloat16)")
    return parser.parse_args()


def build_model(torch, torchvision, classes):
    nn = torch.nn

    class ConcatPool(nn.Module):
        def forward(self, x):
            return torch.cat([nn.functional.adaptive_max_pool2d(x, 1), nn.functional.adaptive_avg_pool2d(x, 1)], 1).flatten(1)

    class Normalised(nn.Module):
        """ImageNet normalisation inside the model, as the dashboard's backbone does it."""

        def __init__(self, body):
            super().__init__()
            self.body = body
            self.register_buffer("mean", torch.tensor(IMAGENET_MEAN).view(1, 3, 1, 1))
            self.register_buffer("std", torch.tensor(IMAGENET_STD).view(1, 3, 1, 1))

        def forward(self, x):
            return self.body((x - self.mean) / self.std)

    resnet = torchvision.models.resnet18(weights=None)
    resnet.avgpool = ConcatPool()
    resnet.fc = nn.Sequential(
        nn.BatchNorm1d(1024), nn.Dropout(0.25), nn.Linear(1024, 512), nn.ReLU(),
        nn.BatchNorm1d(512), nn.Dropout(0.5), nn.Linear(512, classes))
    return Normalised(resnet)


def build_loader(torch, torchvision, args):
    transforms = torchvision.transforms
    augment = transforms.Compose([
        transforms.RandomResizedCrop(args.size),
        transforms.RandomHorizontalFlip(),
        transforms.RandomRotation(10),
        transforms.ColorJitter(brightness=0.05, contrast=0.05),
        transforms.ToTensor(),
    ])
    dataset = torchvision.datasets.ImageFolder(args.data, transform=augment)
    generator = torch.Generator().manual_seed(args.seed)
    loader = torch.utils.data.DataLoader(dataset, batch_size=args.batch_size, shuffle=True, drop_last=True,
                                         num_workers=args.workers, persistent_workers=args.workers > 0, generator=generator)
    return dataset, loader


def batches(loader, count):
    """Yields (iterator, seconds waited for the batch, images, labels), cycling through epochs until count batches."""
    produced = 0
    while produced < count:
        iterator = iter(loader)
        while produced < count:
            start = time.perf_counter()
            try:
                images, labels = next(iterator)
            except StopIteration:
                break
            yield iterator, time.perf_counter() - start, images, labels
            produced += 1


def worker_cpu_seconds(iterator):
    """CPU seconds used so far by the DataLoader's worker processes (Linux /proc), 0 without workers."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for worker in getattr(iterator, "_workers", []):
        with open(f"/proc/{worker.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def cpu_seconds(iterator):
    return time.process_time() + worker_cpu_seconds(iterator)


def precision_scope(torch, precision):
    """The autocast scope for the forward pass and the loss; fp32 changes nothing."""
    if precision == "bf16":
        return torch.autocast("cpu", dtype=torch.bfloat16)
    return contextlib.nullcontext()


def measure(torch, torchvision, args):
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    dataset, loader = build_loader(torch, torchvision, args)
    model = build_model(torch, torchvision, len(dataset.classes))
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=args.learning_rate, momentum=0.9, weight_decay=1e-4)
    started = waited = cpu_started = cpu_used = 0.0
    images_timed = 0
    for index, (iterator, wait, images, labels) in enumerate(batches(loader, args.warmup_batches + args.batches)):
        with precision_scope(torch, args.precision):
            loss = torch.nn.functional.cross_entropy(model(images), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        loss.item()
        if index == args.warmup_batches - 1:
            started, cpu_started = time.perf_counter(), cpu_seconds(iterator)
        elif index >= args.warmup_batches:
            waited += wait
            images_timed += len(labels)
            cpu_used = cpu_seconds(iterator) - cpu_started
    seconds = time.perf_counter() - started
    return {
        "available": True,
        "imagesPerSecond": images_timed / seconds,
        "images": images_timed,
        "seconds": seconds,
        "dataWaitSeconds": waited,
        "cpuSeconds": cpu_used,
        "size": args.size,
        "batchSize": args.batch_size,
        "threads": torch.get_num_threads(),
        "workers": args.workers,
        "precision": args.precision,
        "torchVersion": torch.__version__,
        "torchvisionVersion": torchvision.__version__,
        "python": sys.version.split()[0],
    }


def main():
    args = parse_arguments()
    if args.warmup_batches < 1 or args.batches < 1:
        sys.exit("--warmup-batches and --batches must be at least 1")
    try:
        import torch
        import torchvision
    except ImportError as error:
        print(json.dumps({"available": False, "reason": f"{sys.executable}: {error}"}))
        return
    print(json.dumps(measure(torch, torchvision, args)))


if __name__ == "__main__":
    main()
