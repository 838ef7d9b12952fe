# Every dependency comes from Debian packages (see scripts/setup.sh).
find_package(RocksDB REQUIRED CONFIG)
find_package(Boost 1.74 REQUIRED COMPONENTS graph)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(cxxopts REQUIRED)
find_package(ICU REQUIRED COMPONENTS uc i18n data)
find_package(Threads REQUIRED)

# cld2, libstemmer and hunspell ship no CMake config.
find_path(CLD2_INCLUDE_DIR cld2/public/compact_lang_det.h REQUIRED)
find_library(CLD2_LIBRARY cld2 REQUIRED)
find_library(CLD2_FULL_LIBRARY cld2_full REQUIRED)
find_path(STEMMER_INCLUDE_DIR libstemmer.h REQUIRED)
find_library(STEMMER_LIBRARY stemmer REQUIRED)
find_path(HUNSPELL_INCLUDE_DIR hunspell/hunspell.hxx REQUIRED)
find_library(HUNSPELL_LIBRARY NAMES hunspell-1.7 hunspell REQUIRED)
# libedit (BSD editline): line editing and history in the `kg query` shell.
find_path(EDIT_INCLUDE_DIR editline/readline.h REQUIRED)
find_library(EDIT_LIBRARY edit REQUIRED)

if(KG_BUILD_TESTS)
  find_package(Catch2 2 REQUIRED)
endif()

# jemalloc (libjemalloc-dev) for the kg executable and the benchmarks: RocksDB's
# recommended allocator; extraction and ingest allocate many small strings
# (~10 % less CPU than glibc malloc on `kg extract` of the 10kGNAD split).
# Not with the sanitizers, which bring their own allocator.
set(KG_MALLOC_LIBS "")
if(KG_JEMALLOC AND NOT KG_SANITIZE)
  find_library(JEMALLOC_LIBRARY jemalloc)
  if(JEMALLOC_LIBRARY)
    set(KG_MALLOC_LIBS ${JEMALLOC_LIBRARY})
    message(STATUS "kg: linking ${JEMALLOC_LIBRARY}")
  else()
    message(STATUS "kg: jemalloc not found (apt-get install libjemalloc-dev); using the system allocator")
  endif()
endif()
