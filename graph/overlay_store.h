// OverlayStore: a Store that keeps every write in memory over a base store
// until TakeBatch() hands all of them over as ONE WriteBatch. Reads (Get,
// iterators) see the pending writes merged with the base ("read your own
// writes"). Graph::BeginTransaction uses it so that a Cypher write query is
// stored all or nothing: one atomic Store::Write at the end, nothing when it
// fails, times out or is killed.
//
// Ownership and lifetime: the overlay does not own `base`, which must
// outlive it and every iterator or view it returns. Writes never reach the
// base. NewView() reads the live overlay (no snapshot of the pending writes).
// Thread safety: none; one thread (the Graph's writer).
#pragma once

#include <memory>

#include "graph/store.h"

namespace kg {

class OverlayStore : public Store {
 public:
  ~OverlayStore() override = default;
  // The pending writes in key order per column family (a Put per value, a
  // Delete per erased key); the overlay is empty afterwards.
  virtual WriteBatch TakeBatch() = 0;
  // Approximate bytes held by the pending writes.
  virtual std::size_t pending_bytes() const = 0;
};

std::unique_ptr<OverlayStore> NewOverlayStore(const Store* base);

}  // namespace kg
