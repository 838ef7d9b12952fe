// Graph: the property graph kg stores, on top of a Store.
//
// Generic part (used by the Cypher engine, including CREATE/SET/DELETE):
// nodes with labels and a JSON property map, relationships with one type and
// a JSON property map, adjacency in both directions, a normalised name index.
//
// Knowledge-graph part (used by ingest): ApplyArticle() merges one article's
// facts in ONE atomic WriteBatch: entities are found by their external id
// (property "id") and created when new; each (subject, predicate, object) is
// one relationship whose "support" counts distinct supporting articles;
// evidence records are kept per (relationship, article); re-applying an
// article with the same content hash changes nothing; a changed article first
// retracts what it contributed before.
//
// Ingested data, as the query engine sees it:
//   nodes: label = LabelForType(type) ("Person", "Country", ...),
//          props  = {id, name, aliases[, country, latitude, longitude]}
//   rels:  type  = RelTypeForPredicate(predicate) ("MEETS", ..., "CO_MENTIONED"),
//          props = {location (entity id or null)[, location_name (that entity's
//                   name, when known)], date, modality, confidence, support,
//                   first_seen, last_seen[, weight for CO_MENTIONED]}
//
// Thread safety: reads are safe from several threads; writes must come from
// one thread. Lifetime: Graph owns its Store.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "graph/keys.h"
#include "graph/model.h"
#include "graph/status.h"
#include "graph/store.h"

namespace kg {

using NodeId = uint64_t;
using RelId = uint64_t;

struct SnapNode;  // graph/snapshot.h (typed scans)
struct SnapRel;

struct Node {
  NodeId id = 0;
  std::vector<std::string> labels;
  nlohmann::json props = nlohmann::json::object();
};

struct Rel {
  RelId id = 0;
  NodeId src = 0;
  NodeId dst = 0;
  std::string type;
  nlohmann::json props = nlohmann::json::object();
};

enum class Direction { kOut, kIn, kBoth };

struct AdjEntry {
  RelId rel = 0;
  NodeId other = 0;
  std::string type;
  bool outgoing = true;  // true: this node is the relationship's source
};

struct EvidenceRecord {
  std::string article_id;
  std::string article_date;
  std::string article_source;
  std::string article_title;
  std::string sentence;
  std::size_t start = 0, end = 0;
  std::string rule;
  std::string modality;
  // Additive fields (storage layer): the relation fact as this article stated it.
  double confidence = 1.0;
  std::string location;    // entity id, empty when none
  std::string date;        // the relation's date as extracted
  std::string provenance;  // "article", or "kb" for background knowledge
};

enum class IngestOutcome { kNew, kUpdated, kUnchanged };

// Cron-mode state of one input file (Cf::kArticles, key 'f' + path): lets
// `kg ingest` skip unchanged files before reading them.
struct FileState {
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  std::string hash;                   // hash of the file's bytes
  std::vector<std::string> articles;  // ids of the articles read from it
};

// An article as stored (the Cf::kArticles record), for listings (`kg articles`).
struct ArticleInfo {
  std::string id, title, date, source;
  std::string path;      // input path as given when it was ingested ("-" = stdin)
  uint64_t entities = 0;     // entities it mentions
  uint64_t relations = 0;    // typed relationships it supports
  uint64_t co_mentions = 0;  // co-mention pairs it contributes
};

struct GraphStats {
  uint64_t articles = 0;
  uint64_t entities = 0;       // nodes
  uint64_t relations = 0;      // all relationships (typed + co_mentioned) = default export edges
  uint64_t typed_relations = 0;
  uint64_t co_mentions = 0;
  uint64_t evidence = 0;
  uint64_t db_bytes = 0;
};

class IngestBatch;

// Tuning of an IngestBatch (graph_batch.cpp).
struct IngestBatchOptions {
  // Commit the group after this many articles or once its writes (with map
  // overhead) reach max_bytes. Bigger groups make RocksDB's memtable inserts
  // cheaper (sorted runs); a crash loses at most one group (re-ingested next run).
  std::size_t max_articles = 1024;
  std::size_t max_bytes = 32u << 20;
  std::size_t cache_bytes = 256u << 20;  // session cache budget (dropped at a commit when over)
};

class Graph {
 public:
  // Takes ownership of `store`. Checks/initialises the schema version in Cf::kMeta;
  // Corruption with a clear message on a mismatch.
  static Result<std::unique_ptr<Graph>> Open(std::unique_ptr<Store> store);
  ~Graph();

  // ---- reads -------------------------------------------------------------
  Result<Node> GetNode(NodeId id) const;  // NotFound
  Result<Rel> GetRel(RelId id) const;     // NotFound
  // Only the labels of a node (its properties are not decoded). NotFound.
  Status GetNodeLabels(NodeId id, std::vector<std::string>* out) const;
  // Calls fn for every node (with `label` when non-empty) in id order; fn returns false to stop.
  Status ScanNodes(const std::string& label, const std::function<bool(const Node&)>& fn) const;
  Status ScanRels(const std::function<bool(const Rel&)>& fn) const;
  // Typed scans (graph_scan.cpp) for bulk readers (snapshot, exports): like
  // ScanNodes("") / ScanRels, in id order, but every MessagePack record is
  // decoded straight into the typed fields of SnapNode / SnapRel
  // (graph/snapshot.h) without building nlohmann::json. The values equal
  // NodeFromGraph(node) / RelFromGraph(rel) of the JSON scans (src/dst are the
  // Graph node ids, passed separately; SnapRel::src/dst stay 0). fn may move
  // from its argument; it is reset before the next record. fn returns false to
  // stop. Corruption (naming the record id) on an undecodable record.
  Status ScanNodesTyped(const std::function<bool(SnapNode*)>& fn) const;
  Status ScanRelsTyped(const std::function<bool(NodeId src, NodeId dst, SnapRel*)>& fn) const;
  // One record decoded the same way (point reads for callers that need many
  // records but not their JSON, e.g. `kg serve`'s neighbourhoods): NotFound
  // when absent, Corruption on an undecodable record.
  Status GetNodeTyped(NodeId id, SnapNode* out) const;
  Status GetRelTyped(RelId id, NodeId* src, NodeId* dst, SnapRel* out) const;
  // Many relationships in one batched store read (Store::MultiGet): calls
  // fn(i, src, dst, rel) for every ids[i] that exists, in the order of `ids`
  // (fn may move from *rel); absent ids are skipped. Corruption on an
  // undecodable record.
  Status GetRelsTyped(const std::vector<RelId>& ids,
                      const std::function<void(std::size_t i, NodeId src, NodeId dst, SnapRel* rel)>& fn) const;
  // Adjacency of `id`; `type` empty = any type. Order: by type, then other node id.
  Status Adjacent(NodeId id, Direction dir, const std::string& type,
                  std::vector<AdjEntry>* out) const;
  // Exact lookup of a normalised name or alias (NormalizeName), or the external
  // entity id ("country/RU"). Empty vector when nothing matches.
  Result<std::vector<NodeId>> LookupName(const std::string& name) const;
  // Names starting with `prefix` (normalised); at most `limit` node ids.
  Result<std::vector<NodeId>> LookupNamePrefix(const std::string& prefix, std::size_t limit) const;
  Result<std::optional<NodeId>> LookupEntityId(const std::string& entity_id) const;
  // Every name-index entry (normalised name or alias, node), in name order;
  // fn returns false to stop.
  Status ScanNameIndex(const std::function<bool(std::string_view, NodeId)>& fn) const;
  Status GetEvidence(RelId rel, std::vector<EvidenceRecord>* out) const;
  // From the counts kept as data when the database has them (counts_kept()),
  // else by counting every record.
  Result<GraphStats> Stats() const;
  // The relationship date index (graph/rel_date.h): whether it is complete
  // (false for a database written before it existed and opened read-only
  // since), and the relationships whose `date` lies in [from_day, to_day]
  // (days since 1970-01-01, inclusive), by day then id; fn returns false to stop.
  bool HasRelDateIndex() const;
  Status ScanRelsByDate(int64_t from_day, int64_t to_day,
                        const std::function<bool(RelId)>& fn) const;
  // The relationship types in use, sorted and distinct (read from the
  // adjacency keys, without decoding relationship records).
  Status RelationshipTypes(std::vector<std::string>* out) const;

  // ---- counts kept as data (graph/counts.h, layout in keys.h) -------------
  // Written in the same atomic write as the facts they count. False only for
  // a database of schema version 2 opened by a reader (a writer's open
  // derives them); the count reads below are then NotSupported.
  bool counts_kept() const;
  // Nodes in all (label "") or with `label`.
  Result<uint64_t> CountNodes(const std::string& label) const;
  // Relationships per type (types without any left out), ascending by type.
  Status CountRelsByType(std::vector<std::pair<std::string, uint64_t>>* out) const;
  // Relationships whose source is their target.
  Result<uint64_t> CountSelfLoops() const;
  // fn(node, degree by type) for every node with relationships, in id order;
  // fn returns false to stop. Corruption on an undecodable degree record.
  Status ScanDegrees(
      const std::function<bool(NodeId, const std::vector<keys::DegreeEntry>&)>& fn) const;
  // The degree record of one node (empty when it has no relationships).
  Status Degree(NodeId id, std::vector<keys::DegreeEntry>* out) const;
  // Known article ids and their content hashes (for re-ingest decisions).
  Result<std::optional<std::string>> ArticleHash(const std::string& article_id) const;
  // One stored article; nullopt when unknown.
  Result<std::optional<ArticleInfo>> GetArticle(const std::string& article_id) const;
  // Every stored article in id order; fn returns false to stop.
  Status ScanArticles(const std::function<bool(const ArticleInfo&)>& fn) const;

  // ---- generic writes (each call is one atomic batch) --------------------
  Result<NodeId> CreateNode(const std::vector<std::string>& labels, const nlohmann::json& props);
  Result<RelId> CreateRel(NodeId src, NodeId dst, const std::string& type,
                          const nlohmann::json& props);
  Status SetNodeProps(NodeId id, const nlohmann::json& props);  // replaces the map
  Status SetNodeLabels(NodeId id, const std::vector<std::string>& labels);
  Status SetRelProps(RelId id, const nlohmann::json& props);    // replaces the map
  // detach=false on a node with relationships -> InvalidArgument.
  Status DeleteNode(NodeId id, bool detach);
  Status DeleteRel(RelId id);

  // ---- transactions --------------------------------------------------------
  // Between BeginTransaction and CommitTransaction / RollbackTransaction every
  // write through this Graph is kept in memory (an OverlayStore over the
  // store) and every read through it sees those writes. CommitTransaction
  // writes them all as ONE atomic Store::Write (all or nothing, also across a
  // crash); RollbackTransaction drops them and restores the id counters.
  // A failed commit leaves the store untouched (as a rollback).
  // InvalidArgument when a transaction is already open (no nesting) or, for
  // Commit/Rollback, when none is. REQUIRES: no IngestBatch open.
  Status BeginTransaction();
  Status CommitTransaction();
  void RollbackTransaction();
  bool in_transaction() const;

  // ---- knowledge-graph writes --------------------------------------------
  Result<IngestOutcome> ApplyArticle(const ArticleFacts& facts);
  // NotFound when the article is unknown.
  Status ForgetArticle(const std::string& article_id);

  // A writer session for ingest (group commit, graph_batch.cpp): see
  // IngestBatch. REQUIRES: at most one IngestBatch per Graph at a time, and it
  // must not outlive the Graph.
  std::unique_ptr<IngestBatch> NewIngestBatch(const IngestBatchOptions& options = {});

  // ---- cron-mode file state (additive) -------------------------------------
  Result<std::optional<FileState>> GetFileState(const std::string& path) const;
  Status PutFileState(const std::string& path, const FileState& state);
  // Every file state whose path starts with `prefix` ("" = all), in path order;
  // fn returns false to stop.
  Status ScanFileStates(const std::string& prefix,
                        const std::function<bool(const std::string& path, const FileState&)>& fn) const;

  Store* store() const { return store_.get(); }

 private:
  explicit Graph(std::unique_ptr<Store> store);
  struct Impl;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Impl> impl_;
};

// A writer session over a Graph: applies articles into one pending group that
// Commit() writes as ONE atomic write (a WriteBatch = one WAL record; the
// first group into a new database's empty column families goes through
// Store::WriteSorted, table files ingested in one atomic step), instead of one
// batch per article, and caches what it reads and writes (valid because the
// writing process holds the database's only writer lock).
//
// Atomicity: every article stays all or nothing. An article that fails
// (InvalidArgument, Corruption) leaves no trace in the group while the other
// articles of the group are still stored; an article is never split across
// two WriteBatches. A crash (SIGKILL) loses the uncommitted group as a whole.
// The group is committed automatically when it reaches
// IngestBatchOptions::max_articles or max_bytes; callers commit before they
// report success (e.g. before exiting). PutFileState() joins the pending
// group, so a file state is written atomically with (or after) the articles
// it lists.
//
// Reads through the batch (ArticleHash, GetFileState) see the pending group;
// reads through the Graph see only committed data. Other writes through the
// Graph while a batch is open should follow a Commit(); the batch notices them
// and drops its cache. The destructor drops uncommitted articles (it does not
// write).
//
// Thread safety: none; use from the Graph's writer thread.
class IngestBatch {
 public:
  ~IngestBatch();
  IngestBatch(const IngestBatch&) = delete;
  IngestBatch& operator=(const IngestBatch&) = delete;

  // Like Graph::ApplyArticle, into the pending group. A failed automatic
  // commit is always IOError and loses the whole pending group (this article
  // included): callers must stop (and not write file states) on IOError.
  Result<IngestOutcome> ApplyArticle(const ArticleFacts& facts);
  // Like Graph::ForgetArticle, into the pending group. NotFound when unknown.
  Status ForgetArticle(const std::string& article_id);
  Result<std::optional<std::string>> ArticleHash(const std::string& article_id);
  Result<std::optional<FileState>> GetFileState(const std::string& path);
  Status PutFileState(const std::string& path, const FileState& state);
  // Removes the file state of `path` (into the pending group); OK when absent.
  Status DeleteFileState(const std::string& path);
  // Writes the pending group as one atomic write; no-op when empty.
  Status Commit();
  std::size_t pending_articles() const;

 private:
  friend class Graph;
  struct State;
  explicit IngestBatch(std::unique_ptr<State> s);
  std::unique_ptr<State> s_;
};

// Case-folded, diacritics-free, punctuation-collapsed form used by the name
// index ("Wladimir  Putin" -> "wladimir putin", "Südkorea" -> "sudkorea", ß -> ss).
std::string NormalizeName(const std::string& name);

}  // namespace kg
