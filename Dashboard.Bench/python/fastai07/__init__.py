"""fastai 0.7's image classification pieces in plain PyTorch, for bench/pytorch_lesson.py.

Each function or class names the 0.7 function it mirrors (fastai's old/fastai/*.py: transforms.py, dataset.py,
conv_learner.py, learner.py, model.py, layer_optimizer.py, sgdr.py, core.py); nothing of fastai is imported.
"""
import sys


def say(message):
    """Progress on standard error (standard output carries the result)."""
    print(f"pytorch_lesson: {message}", file=sys.stderr, flush=True)
