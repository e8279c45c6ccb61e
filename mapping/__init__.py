"""territory-map: news articles in, a map of reported territorial control out.

The notebook API (see README, "Use from Python"):

    import mapping
    prov = mapping.provinces("seeds")      # GeoDataFrame indexed by ISO 3166-2 code
    men = mapping.mentions("seeds")        # every mention, as in mentions.csv
    towns = mapping.towns("seeds")         # named towns with a status, as points
    gaz = mapping.places()                 # the whole gazetteer, as points
    mapping.area_by_status(prov)           # km², equal-area projection
    mapping.explore(prov)                  # geopandas explore() in the map's colours
    mapping.neighbours(prov, "AF-KAB")
    mapping.within_km(towns, "Mazar-i-Sharif", 100)
    mapping.join_points(my_points_df, prov)
    mapping.history("seeds")               # what each seed said, in time order
    mapping.timeline("seeds")              # province statuses as of each seed date
"""

from .api import (
    area_by_status,
    build,
    distance_km,
    explore,
    history,
    join_points,
    mentions,
    neighbours,
    places,
    provinces,
    timeline,
    towns,
    within_km,
)

__version__ = "0.1.0"
__all__ = [
    "area_by_status",
    "build",
    "distance_km",
    "explore",
    "history",
    "join_points",
    "mentions",
    "neighbours",
    "places",
    "provinces",
    "timeline",
    "towns",
    "within_km",
]
