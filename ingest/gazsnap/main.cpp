// kg_gazsnap OUT: writes the gazetteer snapshot (ingest/gazetteer_snapshot.h)
// of the system's iso-codes and GeoNames catalogues. Run by the build; the
// names are keyed exactly as kg keys them at start (German segmenter and
// stemmer, ingest/name_keys.h).
#include <cstdio>

#include "ingest/gazetteer.h"
#include "ingest/gazetteer_snapshot.h"
#include "ingest/name_keys.h"
#include "ingest/segmenter.h"
#include "ingest/stemmer.h"

int main(int argc, char** argv) {
  using namespace kg::ingest;
  if (argc != 2) {
    std::fprintf(stderr, "usage: kg_gazsnap OUT\n");
    return 64;
  }
  Segmenter seg("de", {}, {});
  Stemmer stem("de");
  const KeyMaker keys = MakeKeyMaker(&seg, &stem);
  const GazetteerPaths paths;
  Catalog cat;
  kg::Status s = LoadGazetteers(paths, keys, &cat);
  if (s.ok()) s = WriteGazetteerSnapshot(argv[1], paths, cat);
  if (!s.ok()) {
    std::fprintf(stderr, "kg_gazsnap: %s\n", s.ToString().c_str());
    return 1;
  }
  std::printf("kg_gazsnap: %d entities, %zu surface keys -> %s\n", cat.size(),
              cat.surfaces().size(), argv[1]);
  return 0;
}
