"""Plans are versioned: each catalogue belongs to one plan and its period of force; a year picks its plan."""

from __future__ import annotations

from pathlib import Path

from jigong.checks.catalogue import CATALOGUE_DIR, Catalogue, load_catalogue
from jigong.pipeline.errors import CatalogueError


def available(directory: Path = CATALOGUE_DIR) -> list[Catalogue]:
    """Every catalogue in a folder, oldest plan first; adding a plan is adding a YAML file here."""
    found = [load_catalogue(path) for path in sorted(directory.glob("*.yaml"))]
    if not found:
        raise CatalogueError(f"{directory}：没有审查要点目录（*.yaml），请检查安装是否完整。")
    ids = [c.plan.id for c in found]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise CatalogueError(f"{directory}：方案编号 {'、'.join(twice)} 重复，每个方案只能有一个目录文件。")
    return sorted(found, key=lambda c: (c.start, c.end))


def select(year: int, directory: Path = CATALOGUE_DIR) -> Catalogue:
    """The plan in force in a report year (the newest one if two overlap).

    A year no plan covers is reviewed against the plan that ended most recently before it (or, before every
    plan, against the first one); the V01 rule then says the plan was not in force.
    """
    plans = available(directory)
    covering = [c for c in plans if c.in_force(year)]
    if covering:
        return covering[-1]
    before = [c for c in plans if c.end.year < year]
    return before[-1] if before else plans[0]


def resolve(plan: str | Path | None, year: int, directory: Path = CATALOGUE_DIR) -> Catalogue:
    """`--plan` as given: nothing (by year), a plan id, a folder of catalogues (by year) or one catalogue file."""
    if plan is None:
        return select(year, directory)
    path = Path(plan)
    if path.is_dir():
        return select(year, path)
    if path.suffix in {".yaml", ".yml"}:
        if not path.is_file():
            raise CatalogueError(f"{path}：审查要点目录文件不存在，请检查路径。")
        return load_catalogue(path)
    for catalogue in available(directory):
        if catalogue.plan.id == str(plan):
            return catalogue
    known = "、".join(c.plan.id for c in available(directory))
    raise CatalogueError(f"未找到方案“{plan}”。可用的方案：{known}；也可给出目录文件（.yaml）的路径。")
