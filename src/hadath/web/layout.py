"""A deterministic force-directed layout for the actor network, computed on the server.

The browser's layouts start from random positions, so the graph moved at every reload and
two analysts could not point at "the cluster top left". Here the nodes start on a circle in
the order of their weight (heaviest first) and a fixed number of Fruchterman-Reingold steps
moves them: the same graph gives the same picture, on every reload and every machine.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

import numpy as np

ITERATIONS = 300
SIZE = 1000.0  # positions lie in [0, SIZE]²; cytoscape fits them to its box


def force_layout(
    nodes: Sequence[str], edges: Sequence[tuple[str, str, float]]
) -> dict[str, tuple[float, float]]:
    """Node id -> (x, y). `edges` are (source, target, weight); heavier edges pull harder
    (by the log of the weight, so one dominant dyad does not collapse the picture)."""
    return dict(_layout(tuple(nodes), tuple(edges)))


# The same filters give the same graph; 300 steps over 200 nodes take ~0.7 s here, so the
# layouts of recent graphs are kept (a few kB each).
@functools.lru_cache(maxsize=64)
def _layout(
    nodes: tuple[str, ...], edges: tuple[tuple[str, str, float], ...]
) -> tuple[tuple[str, tuple[float, float]], ...]:
    """Connected nodes by the forces; a node with no drawn edge (its only events are with
    itself, or under the weight floor) on a row under them. In the simulation every node
    repels every other, so a lone node was pushed eight spacings away and, the picture being
    fitted to the box, the connected graph shrank to a knot in its middle."""
    count = len(nodes)
    if count == 0:
        return ()
    if count == 1:
        return ((nodes[0], (SIZE / 2, SIZE / 2)),)
    linked = {node for s, t, _ in edges for node in (s, t)}
    connected = tuple(node for node in nodes if node in linked)
    alone = [node for node in nodes if node not in linked]
    if len(connected) < 2:
        return _fitted(nodes, _forces(nodes, edges))
    position = _forces(connected, edges)
    if alone:
        ideal = _ideal(len(connected))
        low, high = position.min(axis=0), position.max(axis=0)
        width = ideal * (len(alone) - 1)
        start = (low[0] + high[0]) / 2 - width / 2
        row = [(start + ideal * i, high[1] + ideal) for i in range(len(alone))]
        position = np.vstack([position, np.array(row, dtype=float)])
    return _fitted((*connected, *alone), position)


def _ideal(count: int) -> float:
    return SIZE / math.sqrt(count) * 0.6  # the spacing each node claims


def _forces(nodes: tuple[str, ...], edges: tuple[tuple[str, str, float], ...]) -> np.ndarray:
    """Fruchterman-Reingold from a circle in the nodes' order: positions, one row per node."""
    count = len(nodes)
    index = {node: i for i, node in enumerate(nodes)}
    angles = np.arange(count) * (2 * math.pi / count)
    position = np.stack([np.cos(angles), np.sin(angles)], axis=1) * (SIZE / 2.5)
    kept = [(index[s], index[t], 1 + math.log(w)) for s, t, w in edges if s in index and t in index]
    ends = np.array([(a, b) for a, b, _ in kept], dtype=int).reshape(-1, 2)
    strength = np.array([w for _, _, w in kept], dtype=float)[:, None]
    ideal = _ideal(count)
    temperature = SIZE / 10
    for _ in range(ITERATIONS):
        delta = position[:, None, :] - position[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=2), 1e-3)
        # Every pair repels (k² / d), along the line between them.
        shift = (delta / distance[..., None] * (ideal**2 / distance)[..., None]).sum(axis=1)
        # Edges attract (d² / k), weighted.
        vector = position[ends[:, 0]] - position[ends[:, 1]]
        length = np.maximum(np.linalg.norm(vector, axis=1, keepdims=True), 1e-3)
        pull = vector / length * (length**2 / ideal) * strength
        np.subtract.at(shift, ends[:, 0], pull)
        np.add.at(shift, ends[:, 1], pull)
        # Gravity keeps the parts of a graph in several pieces together.
        shift -= position * 0.02 * np.linalg.norm(position, axis=1, keepdims=True) / ideal
        length = np.maximum(np.linalg.norm(shift, axis=1, keepdims=True), 1e-9)
        position += shift / length * np.minimum(length, temperature)
        temperature = max(temperature * 0.985, 1.0)
    return position


def _fitted(
    nodes: tuple[str, ...], position: np.ndarray
) -> tuple[tuple[str, tuple[float, float]], ...]:
    low, high = position.min(axis=0), position.max(axis=0)
    scale = SIZE / max(float((high - low).max()), 1e-9)
    fitted = (position - low) * scale
    return tuple(
        (node, (round(float(x), 1), round(float(y), 1)))
        for node, (x, y) in zip(nodes, fitted, strict=True)
    )
