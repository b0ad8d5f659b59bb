"""Cheapest ways through a flow, keeping one predecessor per node instead of a path per node.

networkx's Dijkstra adds scalar weights and, in `single_source_dijkstra`, keeps a whole
path for every node it reaches: on a chain of n nodes that is n²/2 list cells. The rules
need a lexicographic cost (seconds, then keys; or keys, then seconds), the move that
took each step (which key, silence...), and, for menu depth, nodes in several flow files
(`goto`). So this is one small Dijkstra over such labels: distances and predecessors only,
and the one path a finding quotes rebuilt at the end, so memory and time stay linear
(n log n with the heap).
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

N = TypeVar("N", bound=Hashable)
#: a step: (next node, its cost, what takes it)
Steps = Callable[[N], Iterable[tuple[N, tuple, str]]]


@dataclass
class Cheapest(Generic[N]):
    """Cheapest cost to each node reached, and the step that got there."""

    cost: dict = field(default_factory=dict)
    #: node -> (previous node, what took the step); sources have none
    previous: dict = field(default_factory=dict)
    #: the first target settled, when the search was asked to stop there
    reached: object = None

    def path(self, node: N) -> list[N]:
        """The nodes from a source to `node`, rebuilt from the predecessors."""
        out = [node]
        while out[-1] in self.previous:
            out.append(self.previous[out[-1]][0])
        out.reverse()
        return out

    def moves(self, node: N) -> list[tuple[N, str]]:
        """(node left, what took the step) along the path to `node`, in order."""
        out = []
        while node in self.previous:
            before, how = self.previous[node]
            out.append((before, how))
            node = before
        out.reverse()
        return out


def add(a: tuple, b: tuple) -> tuple:
    return tuple(x + y for x, y in zip(a, b))


def cheapest(sources: Iterable[tuple[N, tuple]], steps: Steps, targets: set | None = None,
             expand: Callable[[N], bool] | None = None) -> Cheapest[N]:
    """Dijkstra from `sources` ((node, starting cost) pairs) with tuple costs compared in order.

    `steps(node)` yields the ways out of a node with their (non-negative) cost. With
    `targets`, the search stops at the first target settled (`reached`). With `expand`,
    nodes for which it is false are reached but not walked through.
    """
    result: Cheapest[N] = Cheapest()
    cost, previous = result.cost, result.previous
    tie = itertools.count()  # nodes need not be comparable
    heap = []
    for node, start in sources:
        if node not in cost or start < cost[node]:
            cost[node] = start
            previous.pop(node, None)
            heapq.heappush(heap, (start, next(tie), node))
    done = set()
    while heap:
        here, _, node = heapq.heappop(heap)
        if node in done or here > cost[node]:
            continue
        done.add(node)
        if targets is not None and node in targets:
            result.reached = node
            return result
        if expand is not None and not expand(node):
            continue
        for target, step, how in steps(node):
            if target in done:
                continue
            total = add(here, step)
            if target not in cost or total < cost[target]:
                cost[target] = total
                previous[target] = (node, how)
                heapq.heappush(heap, (total, next(tie), target))
    return result
