"""A tile-grid map of the areas, drawn for this service: one tile per ward, placed roughly as on a map.

No map tiles are loaded from anywhere (they would leak the reader's location and cannot be reached
from the council network). Areas not in the layout below (loaded later with `areas import`) are
placed in rows underneath, in name order, so every area is always shown.
"""

# Column and row of each Trafford ward: north-east (Old Trafford) at the top right, Partington
# (Bucklow-St Martins) on the west, and Altrincham, Hale and Bowdon at the south.
LAYOUT = {
    "davyhulme": (1, 0),
    "lostock_barton": (2, 0),
    "gorse_hill_cornbrook": (3, 0),
    "old_trafford": (4, 0),
    "flixton": (0, 1),
    "urmston": (1, 1),
    "stretford_humphrey_park": (2, 1),
    "longford": (3, 1),
    "bucklow_st_martins": (0, 2),
    "ashton_upon_mersey": (1, 2),
    "sale_central": (2, 2),
    "manor": (3, 2),
    "sale_moor": (4, 2),
    "broadheath": (1, 3),
    "timperley_north": (2, 3),
    "brooklands": (3, 3),
    "altrincham": (1, 4),
    "timperley_central": (2, 4),
    "hale_barns_timperley_south": (3, 4),
    "bowdon": (1, 5),
    "hale": (2, 5),
}
COLUMNS = 5


def positions(area_codes: list[str]) -> dict[str, tuple[int, int]]:
    """Column and row for every area code given: from the layout, or in rows below it."""
    placed = {code: LAYOUT[code] for code in area_codes if code in LAYOUT}
    first_free_row = max((row for _, row in placed.values()), default=-1) + 1
    others = [code for code in area_codes if code not in LAYOUT]
    for index, code in enumerate(others):
        placed[code] = (index % COLUMNS, first_free_row + index // COLUMNS)
    return placed
