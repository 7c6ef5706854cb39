"""Packaging that pyproject.toml cannot say on its own.

The car catalogue lives in data/specs/ (club members edit it there), but an installed
Paddock must carry it: the folder is mapped into the package as `bot/catalogue`, so a
wheel or `pip install .` ships it next to the code (see default_catalogue_path()).
pyproject.toml cannot list found packages and a mapped one together, hence this file.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["bot", "bot.*", "cogs", "cogs.*"]), "bot.catalogue"],
    package_dir={"bot.catalogue": "data/specs"},
)
