// Gazetteers from Debian data, loaded into the Catalog at start:
//  - countries: /usr/share/iso-codes/json/iso_3166-1.json (English names)
//    plus German names from /usr/share/locale/de/LC_MESSAGES/iso_3166-1.mo;
//    ids country/<alpha-2>.
//  - cities: /usr/share/locale/{de,en}/LC_MESSAGES/geonames.mo, keyed by
//    GeoNames id -> ids city/gn<id>, so "Wladiwostok" and "Vladivostok" are
//    one entity. Names only: kg does not link the GPL-3 libgeonames (see
//    ingest/data/README.md); a city's country comes from the KB when known.
//  - regions: the first-level subdivisions of iso_3166-2.json of the kinds
//    news name as places (states, Länder, provinces, regions, cantons,
//    oblasts, ...; not municipalities, districts or parishes), with German
//    and English names from iso_3166-2.mo; ids region/iso-<code> ("AT-2" ->
//    region/iso-at-2), the country from the code.
// Curated KB entries added later override display names and types.
#pragma once

#include <string>

#include "graph/status.h"
#include "ingest/kb.h"

namespace kg::ingest {

struct GazetteerPaths {
  std::string iso_json = "/usr/share/iso-codes/json/iso_3166-1.json";
  std::string iso_mo_de = "/usr/share/locale/de/LC_MESSAGES/iso_3166-1.mo";
  std::string geonames_mo_de = "/usr/share/locale/de/LC_MESSAGES/geonames.mo";
  std::string geonames_mo_en = "/usr/share/locale/en/LC_MESSAGES/geonames.mo";
  std::string iso2_json = "/usr/share/iso-codes/json/iso_3166-2.json";
  std::string iso2_mo_de = "/usr/share/locale/de/LC_MESSAGES/iso_3166-2.mo";
  std::string iso2_mo_en = "/usr/share/locale/en/LC_MESSAGES/iso_3166-2.mo";
};

// IOError when the iso-codes JSON is missing (countries are required);
// missing GeoNames catalogues only leave cities out.
Status LoadGazetteers(const GazetteerPaths& paths, const KeyMaker& keys, Catalog* cat);

}  // namespace kg::ingest
