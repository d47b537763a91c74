"""transforms.py and dataset.open_image: the side_on training pipeline and the validation one (cv2 there; PIL and
torch here, same geometry). Images are height x width x 3 float32 RGB in [0, 1] until the normalisation."""
import math
import random

import numpy as np
import torch
from PIL import Image

PROBABILITIES = {"scale": 0.75, "rotate": 0.75, "flip": 0.5}  # RandomScale(p=0.75), RandomRotate(p=0.75), RandomFlip(p=0.5)


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
