"""dataset.py: class folders, file and array datasets, and ImageClassifierData's loaders."""
import os
import random
import sys

import numpy as np
import torch

from .transforms import open_image

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp")


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
