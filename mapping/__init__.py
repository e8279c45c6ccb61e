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
    mapping.timeline("seeds")              # province statuses as of each report time
    mapping.events("seeds")                # every reported event, in ACLED's columns
    mapping.provinces_as_of("seeds", "2021-08-09")   # as it stood at the end of that day
    mapping.control_over_time("seeds")     # area and population per status, day by day
    mapping.front_line(prov)               # borders between Taliban-held and other provinces
    mapping.captured_capitals_near("seeds", "Kabul")
    mapping.changes("seeds", "2021-08-06", "2021-08-15")
"""

from .api import (
    area_by_status,
    build,
    captured_capitals_near,
    changes,
    control_over_time,
    distance_km,
    events,
    explore,
    front_line,
    history,
    join_points,
    mentions,
    neighbours,
    places,
    province_population,
    provinces,
    provinces_as_of,
    timeline,
    towns,
    within_km,
)

__version__ = "0.1.0"
__all__ = [
    "area_by_status",
    "build",
    "captured_capitals_near",
    "changes",
    "control_over_time",
    "distance_km",
    "events",
    "explore",
    "front_line",
    "history",
    "join_points",
    "mentions",
    "neighbours",
    "places",
    "province_population",
    "provinces",
    "provinces_as_of",
    "timeline",
    "towns",
    "within_km",
]
