// RocksDB Store. See graph/STORAGE.md for the concurrency design:
//  - writer: DB::Open takes RocksDB's LOCK file; a second writer polls until
//    RocksOptions::wait_seconds have passed, then gets Status::Busy;
//  - reader: DB::OpenAsSecondary into a private temporary directory (no LOCK),
//    TryCatchUpWithPrimary once at open; the process then reads that fixed,
//    consistent state (WAL records are whole WriteBatches, so a reader never
//    sees half an article).
#include <signal.h>
#include <unistd.h>

#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/perf_level.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/sst_file_writer.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/checkpoint.h>
#include <rocksdb/utilities/options_util.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <cerrno>
#include <array>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <tuple>
#include <thread>

#include "graph/commit_record.h"
#include "graph/rocks_store.h"
#include "graph/snapshot_file.h"

namespace kg {

namespace {

namespace fs = std::filesystem;
constexpr std::size_t kNumCf = static_cast<std::size_t>(Cf::kCount);
// Staging table files of BulkLoadRocksStore (one per column family).
const std::string kBulkFilePrefix = "bulk-";

rocksdb::Slice S(std::string_view v) { return rocksdb::Slice(v.data(), v.size()); }

bool IsAdjacencyLike(Cf cf) {
  return cf == Cf::kOutAdj || cf == Cf::kInAdj || cf == Cf::kEvidence;
}

Status FromRocks(const rocksdb::Status& s, const std::string& path) {
  if (s.ok()) return Status::OK();
  std::string msg = s.ToString();
  if (s.IsNotFound()) return Status::NotFound(msg);
  if (s.IsCorruption())
    return Status::Corruption("database " + path + " is damaged: " + msg + internal::DamageHint(path));
  if (s.IsBusy() || s.IsTryAgain()) return Status::Busy("database is busy: " + path);
  if (s.IsNoSpace()) return Status::IOError("database " + path + ": the disk is full (" + msg + ")");
  return Status::IOError("database " + path + ": " + msg);
}

bool IsLockError(const rocksdb::Status& s) {
  if (!s.IsIOError() && !s.IsBusy()) return false;
  const std::string m = s.ToString();
  return m.find("LOCK") != std::string::npos || m.find("lock") != std::string::npos;
}

rocksdb::ColumnFamilyOptions CfOptions(Cf cf, const std::shared_ptr<rocksdb::Cache>& cache);
std::shared_ptr<rocksdb::Cache> SharedCache();

// RocksDB's info log (warnings and errors only), appended to PATH/LOG with
// plain stdio and errors ignored. RocksDB's own file logger aborts the
// process (an assertion of Debian's build) once a write to it has failed:
// on a full disk the first failed write took every later one down with it.
class QuietLogger : public rocksdb::Logger {
 public:
  explicit QuietLogger(const std::string& path) : rocksdb::Logger(rocksdb::InfoLogLevel::WARN_LEVEL) {
    if (path.empty()) return;
    std::error_code ec;
    if (fs::file_size(path, ec) > (1u << 20)) fs::remove(path, ec);  // keep it small
    f_ = std::fopen(path.c_str(), "ae");
  }
  ~QuietLogger() override {
    if (f_) std::fclose(f_);
  }
  using rocksdb::Logger::Logv;
  void Logv(const char* format, va_list ap) override {
    if (!f_) return;
    std::lock_guard<std::mutex> lock(mu_);
    std::vfprintf(f_, format, ap);
    std::fputc('\n', f_);
    std::fflush(f_);
  }

 private:
  std::FILE* f_ = nullptr;
  std::mutex mu_;
};

class RocksIterator : public Iterator {
 public:
  RocksIterator(std::unique_ptr<rocksdb::Iterator> it, std::string path)
      : it_(std::move(it)), path_(std::move(path)) {}
  bool Valid() const override { return it_->Valid(); }
  void Seek(std::string_view target) override { it_->Seek(S(target)); }
  void SeekToFirst() override { it_->SeekToFirst(); }
  void Next() override { it_->Next(); }
  std::string_view key() const override {
    auto k = it_->key();
    return {k.data(), k.size()};
  }
  std::string_view value() const override {
    auto v = it_->value();
    return {v.data(), v.size()};
  }
  Status status() const override { return FromRocks(it_->status(), path_); }

 private:
  std::unique_ptr<rocksdb::Iterator> it_;
  std::string path_;
};

class RocksStore;

class RocksView : public ReadView {
 public:
  RocksView(const RocksStore* store, const rocksdb::Snapshot* snap);
  ~RocksView() override;
  Status Get(Cf cf, std::string_view key, std::string* value) const override;
  std::unique_ptr<Iterator> NewIterator(Cf cf) const override;

 private:
  const RocksStore* store_;
  const rocksdb::Snapshot* snap_;
};

class RocksStore : public Store {
 public:
  RocksStore(std::string path, std::unique_ptr<rocksdb::DB> db,
             std::vector<rocksdb::ColumnFamilyHandle*> handles, bool read_only, bool sync,
             std::string secondary_dir)
      : path_(std::move(path)),
        db_(std::move(db)),
        handles_(std::move(handles)),
        read_only_(read_only),
        sync_(sync),
        secondary_dir_(std::move(secondary_dir)) {
    for (std::size_t i = 0; i < kNumCf; ++i) cf_ids_[i] = handles_[i]->GetID();
  }

  ~RocksStore() override {
    // A writer flushes its memtables on close, so the next open (the next cron
    // run, every reader's catch-up) does not replay this session's WAL.
    if (!read_only_) {
      // After a failed write (a full disk) RocksDB must not touch the failed
      // files again: its assertion-enabled build aborts on a writer that saw
      // an error. So no flush (the committed groups are in the log) and no
      // record; avoid_flush_during_shutdown keeps Close() from flushing too.
      bool ok = !write_failed_;
      if (ok && wrote_) {
        rocksdb::FlushOptions fo;
        ok = db_->Flush(fo, handles_).ok();
      }
      // The commit record of a clean close lists the live table files
      // (commit_record.h); background work stops first so the list is final.
      rocksdb::CancelAllBackgroundWork(db_.get(), /*wait=*/true);
      if (ok) (void)RecordCommit(/*with_files=*/true);
    }
    for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h).PermitUncheckedError();
    db_->Close().PermitUncheckedError();
    db_.reset();
    if (!secondary_dir_.empty()) {
      std::error_code ec;
      fs::remove_all(secondary_dir_, ec);
    }
  }

  Status Write(const WriteBatch& batch) override {
    if (read_only_) return Status::InvalidArgument("database " + path_ + " is open read-only");
    if (write_failed_) return EarlierFailure();
    // The serialised batch is built in one pass (see EncodeBatchRep) instead
    // of one rocksdb::WriteBatch::Put call per operation.
    std::string rep;
    Status enc = EncodeBatchRep(batch, &rep);
    if (!enc.ok()) return enc;
    rocksdb::WriteBatch wb(std::move(rep));
    // No per-operation perf counters (thread local; the memtable insert's key
    // comparisons would otherwise pay for them, ~15 % of a group commit).
    rocksdb::SetPerfLevel(rocksdb::PerfLevel::kDisable);
    rocksdb::WriteOptions wo;
    wo.sync = sync_;
    wo.disableWAL = false;
    std::lock_guard<std::mutex> lock(write_mu_);
    wrote_ = true;
    return Committed(db_->Write(wo, &wb));
  }

  Status WriteSorted(const WriteBatch& batch) override {
    if (read_only_) return Status::InvalidArgument("database " + path_ + " is open read-only");
    if (write_failed_) return EarlierFailure();
    // Ops per column family; anything not grouped and sorted takes Write().
    std::array<std::pair<std::size_t, std::size_t>, kNumCf> range{};  // [begin, end) in ops
    std::array<bool, kNumCf> seen{};
    const auto& ops = batch.ops;
    for (std::size_t i = 0; i < ops.size();) {
      const std::size_t ci = static_cast<std::size_t>(ops[i].cf);
      if (seen[ci]) return Write(batch);
      seen[ci] = true;
      std::size_t j = i + 1;
      for (; j < ops.size() && ops[j].cf == ops[i].cf; ++j)
        if (!(ops[j - 1].key < ops[j].key)) return Write(batch);
      range[ci] = {i, j};
      i = j;
    }
    // One table file per column family, one atomic ingestion (IngestTables).
    // No page cache invalidation (an fadvise per MB written): the group's
    // tables are read again right away by the session's next articles.
    return IngestTables(
        "group-", /*invalidate_page_cache=*/false, [&](Cf cf) { return seen[static_cast<std::size_t>(cf)]; },
        [&](Cf cf, rocksdb::SstFileWriter* w) {
          const auto [b, e] = range[static_cast<std::size_t>(cf)];
          rocksdb::Status s;
          for (std::size_t i = b; s.ok() && i < e; ++i)
            s = ops[i].is_delete ? w->Delete(S(ops[i].key)) : w->Put(S(ops[i].key), S(ops[i].value));
          return FromRocks(s, path_);
        });
  }

  std::unique_ptr<ReadView> NewView() const override {
    return std::make_unique<RocksView>(this, db_->GetSnapshot());
  }

  Status Get(Cf cf, std::string_view key, std::string* value) const override {
    return GetAt(nullptr, cf, key, value);
  }

  Status MultiGet(Cf cf, const std::vector<std::string>& keys,
                  const std::function<Status(std::size_t, std::string_view)>& fn) const override {
    const std::size_t n = keys.size();
    if (n == 0) return Status::OK();
    std::vector<rocksdb::Slice> k;
    k.reserve(n);
    for (const auto& key : keys) k.push_back(S(key));
    std::vector<rocksdb::PinnableSlice> v(n);
    std::vector<rocksdb::Status> st(n);
    db_->MultiGet(rocksdb::ReadOptions(), handle(cf), n, k.data(), v.data(), st.data());
    for (std::size_t i = 0; i < n; ++i) {
      if (st[i].IsNotFound()) continue;
      if (!st[i].ok()) return FromRocks(st[i], path_);
      KG_RETURN_IF_ERROR(fn(i, std::string_view(v[i].data(), v[i].size())));
    }
    return Status::OK();
  }

  std::unique_ptr<Iterator> NewIterator(Cf cf) const override { return IteratorAt(nullptr, cf); }

  std::unique_ptr<Iterator> NewPrefixIterator(Cf cf, std::string_view prefix) const override {
    // Neighbour scans are the hot path: no per-operation perf counters (thread local).
    rocksdb::SetPerfLevel(rocksdb::PerfLevel::kDisable);
    rocksdb::ReadOptions ro;
    if (IsAdjacencyLike(cf) && prefix.size() >= 8) {
      ro.prefix_same_as_start = true;  // uses the prefix bloom; stays inside the 8-byte prefix
    } else {
      ro.total_order_seek = true;
    }
    return std::make_unique<RocksIterator>(
        std::unique_ptr<rocksdb::Iterator>(db_->NewIterator(ro, handle(cf))), path_);
  }

  uint64_t ApproximateSizeBytes() const override {
    uint64_t total = 0;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(path_, ec), end; !ec && it != end; it.increment(ec)) {
      std::error_code ec2;
      // The persisted snapshot (graph/snapshot_file.h) is a cache, not data.
      if (it->path().filename().string().rfind(kSnapshotFile, 0) == 0) continue;
      if (it->is_regular_file(ec2)) total += it->file_size(ec2);
    }
    return total;
  }

  bool read_only() const override { return read_only_; }
  uint64_t LastSequence() const { return db_->GetLatestSequenceNumber(); }

  // The last sequence number mixed with every live table file (number, size,
  // sequence range): table files ingested by IngestExternalFiles may keep
  // the sequence number unchanged, so the number alone does not identify the
  // contents (a snapshot stamped on an empty database stayed "current" after a
  // bulk-ingested load).
  // `with_sequence` false: the live table files alone.
  uint64_t ContentVersion(bool with_sequence = true) const {
    std::vector<rocksdb::LiveFileMetaData> live;
    db_->GetLiveFilesMetaData(&live);
    std::sort(live.begin(), live.end(), [](const auto& a, const auto& b) {
      return std::tie(a.column_family_name, a.name) < std::tie(b.column_family_name, b.name);
    });
    uint64_t h = 1469598103934665603ull;  // FNV-1a over the fields
    auto mix = [&h](uint64_t v) {
      for (int i = 0; i < 8; ++i) {
        h ^= (v >> (8 * i)) & 0xff;
        h *= 1099511628211ull;
      }
    };
    auto mix_str = [&](const std::string& s) {
      for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
      }
      mix(s.size());
    };
    if (with_sequence) mix(db_->GetLatestSequenceNumber());
    for (const auto& f : live) {
      mix_str(f.column_family_name);
      mix_str(f.name);
      mix(f.size);
      mix(f.smallest_seqno);
      mix(f.largest_seqno);
    }
    return h == 0 ? 1 : h;  // 0 means "no version"
  }

  // Secondary instances only: replays what the primary wrote since the last
  // catch-up (RocksDB's TryCatchUpWithPrimary; safe with concurrent reads).
  // Returns ContentVersion(): the sequence number alone stays put when the
  // primary's commit was an ingested table file (WriteSorted).
  Result<uint64_t> CatchUp() {
    if (!read_only_) return Status::InvalidArgument("database " + path_ + " is not open as a reader");
    rocksdb::Status s = db_->TryCatchUpWithPrimary();
    if (!s.ok()) return FromRocks(s, path_);
    return ContentVersion();
  }

  Status GetAt(const rocksdb::Snapshot* snap, Cf cf, std::string_view key,
               std::string* value) const {
    rocksdb::ReadOptions ro;
    ro.snapshot = snap;
    rocksdb::Status s = db_->Get(ro, handle(cf), S(key), value);
    if (s.IsNotFound()) return Status::NotFound("key not found");
    return FromRocks(s, path_);
  }

  std::unique_ptr<Iterator> IteratorAt(const rocksdb::Snapshot* snap, Cf cf) const {
    rocksdb::ReadOptions ro;
    ro.snapshot = snap;
    ro.total_order_seek = true;
    return std::make_unique<RocksIterator>(
        std::unique_ptr<rocksdb::Iterator>(db_->NewIterator(ro, handle(cf))), path_);
  }

  void ReleaseSnapshot(const rocksdb::Snapshot* snap) const {
    if (snap) db_->ReleaseSnapshot(snap);
  }

  Status Checkpoint(const std::string& dir) {
    rocksdb::Checkpoint* cp = nullptr;
    rocksdb::Status s = rocksdb::Checkpoint::Create(db_.get(), &cp);
    if (!s.ok()) return FromRocks(s, path_);
    std::unique_ptr<rocksdb::Checkpoint> owned(cp);
    // log_size_for_flush=0: flush the memtables so the copy needs no WAL replay.
    s = owned->CreateCheckpoint(dir, /*log_size_for_flush=*/0);
    if (!s.ok()) return Status::IOError("backup to " + dir + " failed: " + s.ToString());
    return Status::OK();
  }

  Status CompactAll() {
    rocksdb::CompactRangeOptions o;
    for (auto* h : handles_) {
      rocksdb::Status s = db_->CompactRange(o, h, nullptr, nullptr);
      if (!s.ok()) return FromRocks(s, path_);
    }
    return Status::OK();
  }

  // Writes each column family of `src` into one SST file ("bulk-<cf>.sst" in
  // the database directory) and ingests all of them with ONE
  // IngestExternalFiles call, which RocksDB records in one MANIFEST write: a
  // crash leaves either every column family loaded or none. Files of a load
  // that died before the ingestion are removed at the next writer open.
  Status IngestFrom(const Store& src) {
    if (write_failed_) return EarlierFailure();
    return IngestTables(
        kBulkFilePrefix, /*invalidate_page_cache=*/true,
        [&](Cf cf) {
          auto it = src.NewIterator(cf);
          it->SeekToFirst();
          return it->Valid();
        },
        [&](Cf cf, rocksdb::SstFileWriter* w) {
          auto it = src.NewIterator(cf);
          rocksdb::Status s;
          for (it->SeekToFirst(); s.ok() && it->Valid(); it->Next()) s = w->Put(S(it->key()), S(it->value()));
          KG_RETURN_IF_ERROR(it->status());
          return FromRocks(s, path_);
        });
  }

  // Writes one table file per column family `wanted` (PREFIX<cf>.sst in the
  // database directory, filled by `fill`) and ingests all of them with ONE
  // IngestExternalFiles call, which RocksDB records in one MANIFEST write:
  // after a crash either every file is in the database or none. Files that
  // overlap existing keys (the meta family's counters) get a global sequence
  // number, so they override older values exactly like a write. Files left
  // by a crash before the ingestion are removed at the next writer open.
  Status IngestTables(const std::string& prefix, bool invalidate_page_cache,
                      const std::function<bool(Cf)>& wanted,
                      const std::function<Status(Cf, rocksdb::SstFileWriter*)>& fill) {
    std::vector<std::string> files;
    auto remove_files = [&files] {
      for (const auto& f : files) {
        std::error_code ec;
        fs::remove(f, ec);
      }
    };
    std::vector<rocksdb::IngestExternalFileArg> args;
    rocksdb::DBOptions dbo;
    for (std::size_t ci = 0; ci < kNumCf; ++ci) {
      const Cf cf = static_cast<Cf>(ci);
      if (!wanted(cf)) continue;
      rocksdb::Options o(dbo, CfOptions(cf, SharedCache()));
      rocksdb::SstFileWriter w(rocksdb::EnvOptions(), o, handle(cf), invalidate_page_cache);
      files.push_back(path_ + "/" + prefix + CfName(cf) + ".sst");
      Status s = FromRocks(w.Open(files.back()), path_);
      if (s.ok()) s = fill(cf, &w);
      if (s.ok()) s = FromRocks(w.Finish(), path_);
      if (!s.ok()) {
        remove_files();
        return s;
      }
      rocksdb::IngestExternalFileArg arg;
      arg.column_family = handle(cf);
      arg.external_files = {files.back()};
      arg.options.move_files = true;
      args.push_back(std::move(arg));
    }
    if (args.empty()) return Status::OK();
    std::lock_guard<std::mutex> lock(write_mu_);
    wrote_ = true;
    rocksdb::Status s = db_->IngestExternalFiles(args);
    remove_files();  // moved (hard-linked) into the database, or failed
    return Committed(s);
  }

  const std::string& path() const { return path_; }

  // Records a committed write (or a clean close) in the commit record.
  Status RecordCommit(bool with_files) {
    internal::CommitRecord r;
    r.seq = db_->GetLatestSequenceNumber();
    r.manifest = internal::CurrentManifest(path_);
    std::error_code ec;
    if (!r.manifest.empty()) r.manifest_size = fs::file_size(fs::path(path_) / r.manifest, ec);
    if (ec) r.manifest.clear();
    if (with_files) {
      std::vector<rocksdb::LiveFileMetaData> live;
      db_->GetLiveFilesMetaData(&live);
      r.has_files = true;
      for (const auto& f : live) {
        std::string name = f.name;
        if (!name.empty() && name[0] == '/') name.erase(0, 1);
        r.files.emplace_back(std::move(name), f.size);
      }
      std::sort(r.files.begin(), r.files.end());
    }
    return internal::WriteCommitRecord(path_, r);
  }

  // The Status of a write; a successful one is recorded (a failure to record
  // it is reported: the write is durable, but the next open could not tell).
  Status Committed(const rocksdb::Status& s) {
    if (!s.ok()) {
      write_failed_ = true;
      return FromRocks(s, path_);
    }
    Status r = RecordCommit(/*with_files=*/false);
    if (!r.ok()) write_failed_ = true;
    return r;
  }

  Status EarlierFailure() const {
    return Status::IOError("database " + path_ + ": an earlier write of this session failed; nothing more is written");
  }

  rocksdb::DB* db() const { return db_.get(); }
  const std::vector<rocksdb::ColumnFamilyHandle*>& handles() const { return handles_; }

  // RocksDB's WriteBatch wire format (db/write_batch.cc, stable since
  // LevelDB; it is the WAL record format): fixed64 sequence (0, set by the
  // write), fixed32 count, then per operation a tag byte, the column family
  // id as varint32 unless it is the default family, and length-prefixed
  // (varint32) key and value. Byte-identical to what WriteBatch::Put/Delete
  // build (RocksWriteBatchEncodingMatches checks it against RocksDB itself).
  Status EncodeBatchRep(const WriteBatch& batch, std::string* rep) const {
    constexpr char kTypeDeletion = 0x0, kTypeValue = 0x1;
    constexpr char kTypeColumnFamilyDeletion = 0x4, kTypeColumnFamilyValue = 0x5;
    std::size_t bytes = 12;
    for (const auto& op : batch.ops) bytes += 1 + 5 + 5 + op.key.size() + 5 + op.value.size();
    rep->clear();
    rep->reserve(bytes);
    rep->append(12, '\0');
    if (batch.ops.size() > UINT32_MAX) return Status::InvalidArgument("write batch too large");
    auto varint = [rep](uint64_t v) {
      while (v >= 0x80) {
        rep->push_back(static_cast<char>(v | 0x80));
        v >>= 7;
      }
      rep->push_back(static_cast<char>(v));
    };
    for (const auto& op : batch.ops) {
      if (op.key.size() > UINT32_MAX || op.value.size() > UINT32_MAX)
        return Status::InvalidArgument("key or value too large");
      const uint32_t cf_id = cf_ids_[static_cast<std::size_t>(op.cf)];
      if (cf_id == 0) {
        rep->push_back(op.is_delete ? kTypeDeletion : kTypeValue);
      } else {
        rep->push_back(op.is_delete ? kTypeColumnFamilyDeletion : kTypeColumnFamilyValue);
        varint(cf_id);
      }
      varint(op.key.size());
      rep->append(op.key);
      if (!op.is_delete) {
        varint(op.value.size());
        rep->append(op.value);
      }
    }
    const uint32_t n = static_cast<uint32_t>(batch.ops.size());
    for (int i = 0; i < 4; ++i) (*rep)[8 + i] = static_cast<char>((n >> (8 * i)) & 0xff);
    return Status::OK();
  }

  // Test hook: EncodeBatchRep gives the bytes RocksDB's own WriteBatch builds.
  bool EncodingMatches(const WriteBatch& batch) const {
    rocksdb::WriteBatch wb;
    for (const auto& op : batch.ops) {
      auto* h = handle(op.cf);
      rocksdb::Status s = op.is_delete ? wb.Delete(h, S(op.key)) : wb.Put(h, S(op.key), S(op.value));
      if (!s.ok()) return false;
    }
    std::string rep;
    if (!EncodeBatchRep(batch, &rep).ok()) return false;
    return rep == wb.Data();
  }

 private:
  rocksdb::ColumnFamilyHandle* handle(Cf cf) const {
    return handles_[static_cast<std::size_t>(cf)];
  }

  std::string path_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;  // indexed by Cf
  std::array<uint32_t, kNumCf> cf_ids_{};  // RocksDB column family id per Cf
  bool read_only_;
  bool sync_;
  std::string secondary_dir_;
  std::mutex write_mu_;
  bool wrote_ = false;         // guarded by write_mu_
  bool write_failed_ = false;  // guarded by write_mu_: no clean close to record
};

RocksView::RocksView(const RocksStore* store, const rocksdb::Snapshot* snap)
    : store_(store), snap_(snap) {}
RocksView::~RocksView() { store_->ReleaseSnapshot(snap_); }
Status RocksView::Get(Cf cf, std::string_view key, std::string* value) const {
  return store_->GetAt(snap_, cf, key, value);
}
std::unique_ptr<Iterator> RocksView::NewIterator(Cf cf) const {
  return store_->IteratorAt(snap_, cf);
}

rocksdb::ColumnFamilyOptions CfOptions(Cf cf, const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions o;
  rocksdb::BlockBasedTableOptions t;
  t.block_cache = cache;
  t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10, false));
  if (IsAdjacencyLike(cf)) {
    // Every key starts with the 8-byte id of the node (or relationship) it is filed under.
    o.prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(8));
    // 671 KB of the 64 MB write buffer (~18 bits per key of a full memtable);
    // it is zeroed at every open, so larger ratios slow down every command.
    o.memtable_prefix_bloom_size_ratio = 0.01;
    t.whole_key_filtering = false;
  }
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  return o;
}

// Table files (*.sst) in a database directory; 0 when it does not exist.
int CountTableFiles(const std::string& dir) {
  std::error_code ec;
  int n = 0;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".sst") ++n;
  return n;
}

std::shared_ptr<rocksdb::Cache> SharedCache() {
  static std::shared_ptr<rocksdb::Cache> cache = rocksdb::NewLRUCache(64 << 20);
  return cache;
}

// Opens the checkpoint in `dir` read-only and verifies every block's checksum.
Status VerifyCheckpoint(const std::string& dir) {
  rocksdb::DBOptions dbo;
  dbo.max_open_files = -1;
  dbo.paranoid_checks = true;
  dbo.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  std::vector<rocksdb::ColumnFamilyDescriptor> descs;
  for (std::size_t i = 0; i < kNumCf; ++i) {
    Cf cf = static_cast<Cf>(i);
    descs.emplace_back(i == 0 ? rocksdb::kDefaultColumnFamilyName : CfName(cf), CfOptions(cf, SharedCache()));
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::OpenForReadOnly(dbo, dir, descs, &handles, &raw);
  if (s.ok()) {
    s = raw->VerifyChecksum();
    for (auto* h : handles) raw->DestroyColumnFamilyHandle(h).PermitUncheckedError();
    delete raw;
  }
  if (!s.ok()) return Status::Corruption("the database's table files are damaged: " + s.ToString());
  return Status::OK();
}

// Creates a new, empty database at `path` (which does not exist or is an
// empty directory) atomically: it is built in PATH.kg-new-<pid> -- opened with
// the default column family, the others created in one CreateColumnFamilies
// call (DB::Open's create_missing_column_families would rewrite and re-parse
// the OPTIONS file once per family) -- and renamed into place. A kill during
// creation leaves no half-made database at `path` (which kg would then refuse
// as damaged or "not a kg database"); staging directories of dead processes
// are removed here. Another process creating the same database at the same
// time is not an error: the first rename wins.
Status CreateDatabase(const std::string& path, rocksdb::DBOptions dbo,
                      const std::vector<rocksdb::ColumnFamilyDescriptor>& descs) {
  const fs::path target = fs::absolute(path).lexically_normal();
  const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const std::string mark = target.filename().string() + ".kg-new-";
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) return Status::IOError("cannot create directory " + parent.string() + ": " + ec.message());
  for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(mark, 0) != 0) continue;
    long pid = 0;
    try {
      pid = std::stol(name.substr(mark.size()));
    } catch (const std::exception&) {
      continue;
    }
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
      std::error_code rec;
      fs::remove_all(it->path(), rec);
    }
  }
  const fs::path staging = parent / (mark + std::to_string(::getpid()));
  fs::remove_all(staging, ec);
  fs::create_directories(staging, ec);
  if (ec) return Status::IOError("cannot create database directory " + staging.string() + ": " + ec.message());
  dbo.create_if_missing = true;
  dbo.info_log = std::make_shared<QuietLogger>((staging / "LOG").string());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(dbo, staging.string(), {descs[0]}, &handles, &raw);
  if (s.ok()) {
    std::vector<rocksdb::ColumnFamilyHandle*> created;
    s = raw->CreateColumnFamilies(
        std::vector<rocksdb::ColumnFamilyDescriptor>(descs.begin() + 1, descs.end()), &created);
    handles.insert(handles.end(), created.begin(), created.end());
    for (auto* h : handles) raw->DestroyColumnFamilyHandle(h).PermitUncheckedError();
    rocksdb::Status c = raw->Close();
    if (s.ok()) s = c;
    delete raw;
  }
  if (!s.ok()) {
    fs::remove_all(staging, ec);
    return FromRocks(s, path);
  }
  fs::rename(staging, target, ec);  // also replaces an empty directory
  if (ec) {
    std::error_code rec;
    fs::remove_all(staging, rec);
    if (fs::exists(target / "CURRENT", rec)) return Status::OK();  // created by another process
    return Status::IOError("cannot create database " + path + ": " + ec.message());
  }
  return Status::OK();
}

Status MissingColumnFamilies(const std::string& path, std::size_t have) {
  // A writer creating a new database adds them one MANIFEST record at a time.
  if (internal::WriterHoldsLock(path))
    return Status::Busy("database is busy: " + path + " is being created by another kg process");
  return Status::Corruption("database " + path + " is damaged or not a kg database: its MANIFEST lists " +
                            std::to_string(have) + " of kg's " + std::to_string(kNumCf) +
                            " column families" + internal::DamageHint(path));
}

Status LostWrites(const std::string& path, uint64_t have, uint64_t committed) {
  return Status::Corruption("database " + path + " is damaged: it holds the writes up to sequence number " +
                            std::to_string(have) + ", but writes up to " + std::to_string(committed) +
                            " were committed (a damaged write-ahead log or MANIFEST)" +
                            internal::DamageHint(path));
}

// A secondary instance opens whatever consistent state it can read: it skips
// table files that are missing, short or unreadable and shows an older state
// (with no error). Compares it with the commit record: the committed
// sequence number (read before the open, so a writer committing meanwhile
// cannot raise it) and, when no writer is open, the live table files of the
// last clean close.
Status CheckSecondary(rocksdb::DB* db, const std::string& path,
                      const std::optional<internal::CommitRecord>& before) {
  if (before && db->GetLatestSequenceNumber() < before->seq)
    return LostWrites(path, db->GetLatestSequenceNumber(), before->seq);
  if (internal::WriterHoldsLock(path)) return Status::OK();
  auto rec = internal::ReadCommitRecord(path);
  if (!rec.ok() || !rec->has_value() || !(*rec)->has_files) return Status::OK();
  std::vector<rocksdb::LiveFileMetaData> live;
  db->GetLiveFilesMetaData(&live);
  std::set<std::string> seen;
  for (const auto& f : live) seen.insert(f.name[0] == '/' ? f.name.substr(1) : f.name);
  for (const auto& [name, size] : (*rec)->files) {
    if (seen.count(name)) continue;
    if (internal::WriterHoldsLock(path)) return Status::OK();  // a writer started meanwhile
    std::error_code ec;
    const uint64_t now = fs::file_size(fs::path(path) / name, ec);
    const std::string what = ec ? "is missing"
                             : now != size ? "has " + std::to_string(now) + " bytes instead of " +
                                                 std::to_string(size)
                                           : "is on disk but not in the MANIFEST (a damaged MANIFEST?)";
    return Status::Corruption("database " + path + " is damaged: table file " + name + " " + what +
                              internal::DamageHint(path));
  }
  return Status::OK();
}

// Removes the private directories of readers that were killed (their pid is
// gone): "kg-reader-<pid>-XXXXXX" in the temporary directory.
void RemoveStaleReaderDirs(const fs::path& tmp) {
  std::error_code ec;
  const std::string prefix = "kg-reader-";
  for (fs::directory_iterator it(tmp, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const std::size_t dash = name.find('-', prefix.size());
    if (dash == std::string::npos) continue;
    long pid = 0;
    try {
      pid = std::stol(name.substr(prefix.size(), dash - prefix.size()));
    } catch (const std::exception&) {
      continue;
    }
    if (pid <= 0 || pid == static_cast<long>(::getpid())) continue;
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM) continue;  // alive
    std::error_code rec;
    fs::remove_all(it->path(), rec);
  }
}

std::string MakeSecondaryDir() {
  const fs::path tmp = fs::temp_directory_path();
  RemoveStaleReaderDirs(tmp);
  std::string tmpl = (tmp / ("kg-reader-" + std::to_string(::getpid()) + "-XXXXXX")).string();
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (!mkdtemp(buf.data())) return {};
  return std::string(buf.data());
}

}  // namespace

Result<std::unique_ptr<Store>> OpenRocksStore(const std::string& path,
                                              const RocksOptions& options) {
  std::shared_ptr<rocksdb::Cache> cache = SharedCache();
  rocksdb::DBOptions dbo;
  dbo.create_if_missing = options.create_if_missing && !options.read_only;
  dbo.create_missing_column_families = !options.read_only;
  dbo.max_open_files = options.read_only ? -1 : 512;  // secondaries require -1
  dbo.keep_log_file_num = 3;
  dbo.max_background_jobs = 2;
  // Threads that open the table files at DB open: one per 64 files, at most
  // 16 (RocksDB's default of 16 per column family started ~120 threads for
  // every `kg` command on a small database: most of the CPU of a cron run
  // that finds nothing new).
  dbo.max_file_opening_threads = std::clamp(CountTableFiles(path) / 64, 1, 16);
  dbo.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  // Committed data is never dropped silently: a record torn by a crash at the
  // end of the log was never committed and is dropped, but any other damage
  // (a checksum mismatch, also in the last record) fails the open with
  // Corruption. RocksDB's default (point-in-time) would stop replaying at the
  // damage and quietly drop every later commit.
  dbo.wal_recovery_mode = rocksdb::WALRecoveryMode::kTolerateCorruptedTailRecords;
  dbo.paranoid_checks = true;  // missing, short or unreadable table files fail the open
  dbo.avoid_flush_during_shutdown = true;  // the destructor flushes (unless a write failed)

  std::vector<rocksdb::ColumnFamilyDescriptor> descs;
  for (std::size_t i = 0; i < kNumCf; ++i) {
    Cf cf = static_cast<Cf>(i);
    descs.emplace_back(i == 0 ? rocksdb::kDefaultColumnFamilyName : CfName(cf),
                       CfOptions(cf, cache));
  }

  {
    // Never turn an unrelated directory (or a file) into a database.
    std::error_code ec;
    if (fs::exists(path, ec) && !fs::is_directory(path, ec))
      return Status::InvalidArgument(path + " is a file, not a kg database directory");
    if (fs::is_directory(path, ec) && !fs::exists(fs::path(path) / "CURRENT", ec) &&
        !fs::is_empty(path, ec)) {
      bool has_manifest = false;
      for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
        has_manifest |= it->path().filename().string().rfind("MANIFEST-", 0) == 0;
      if (has_manifest)
        return Status::Corruption("database " + path + " is damaged: its CURRENT file is missing" +
                                  internal::DamageHint(path));
      return Status::InvalidArgument(path + " exists and is not a kg database (no RocksDB CURRENT file)");
    }
  }
  // The commit record (commit_record.h): what the last writer committed.
  std::optional<internal::CommitRecord> committed;
  {
    auto rec = internal::ReadCommitRecord(path);
    if (rec.ok()) committed = *rec;  // a damaged record is ignored (kg check reports it)
  }
  if (committed) KG_RETURN_IF_ERROR(internal::CheckManifestLength(path, *committed));
  if (!options.read_only && options.create_if_missing) {
    std::error_code ec;
    if (!fs::exists(path, ec) || (fs::is_directory(path, ec) && fs::is_empty(path, ec)))
      KG_RETURN_IF_ERROR(CreateDatabase(path, dbo, descs));
  }
  if (!fs::exists(path)) return Status::IOError("no database at " + path);
  dbo.info_log = std::make_shared<QuietLogger>(options.read_only ? std::string()
                                                                 : (fs::path(path) / "LOG").string());

  // Refuse DBs made by a different column-family layout with a clear message.
  std::vector<std::string> existing;
  if (rocksdb::Status ls = rocksdb::DB::ListColumnFamilies(dbo, path, &existing); ls.ok()) {
    for (const auto& name : existing) {
      bool known = std::any_of(descs.begin(), descs.end(),
                               [&](const auto& d) { return d.name == name; });
      if (!known)
        return Status::Corruption("database " + path + " has an unknown column family '" + name +
                                  "' (made by a newer or different kg?)");
    }
  } else if (std::error_code ec; fs::exists(fs::path(path) / "CURRENT", ec)) {
    // A CURRENT file that does not lead to a readable MANIFEST.
    return Status::Corruption("database " + path + " is damaged: " + ls.ToString() +
                              internal::DamageHint(path));
  } else if (options.read_only) {
    return Status::IOError("no kg database at " + path);
  }

  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  std::string secondary_dir;
  rocksdb::Status s;
  if (options.read_only && options.strict_read && !internal::WriterHoldsLock(path)) {
    if (existing.size() < kNumCf) return MissingColumnFamilies(path, existing.size());
    s = rocksdb::DB::OpenForReadOnly(dbo, path, descs, &handles, &raw);
    if (!s.ok()) return FromRocks(s, path);
    if (committed && raw->GetLatestSequenceNumber() < committed->seq) {
      Status lost = LostWrites(path, raw->GetLatestSequenceNumber(), committed->seq);
      for (auto* h : handles) raw->DestroyColumnFamilyHandle(h).PermitUncheckedError();
      delete raw;
      return lost;
    }
  } else if (options.read_only) {
    if (existing.size() < kNumCf) return MissingColumnFamilies(path, existing.size());
    secondary_dir = MakeSecondaryDir();
    if (secondary_dir.empty()) return Status::IOError("cannot create a temporary directory");
    // A concurrent writer may delete files while we open: retry a few times.
    for (int attempt = 0; attempt < 5; ++attempt) {
      handles.clear();
      s = rocksdb::DB::OpenAsSecondary(dbo, path, secondary_dir, descs, &handles, &raw);
      if (s.ok()) {
        s = raw->TryCatchUpWithPrimary();
        if (s.ok()) break;
        for (auto* h : handles) raw->DestroyColumnFamilyHandle(h).PermitUncheckedError();
        delete raw;
        raw = nullptr;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (!s.ok()) {
      std::error_code ec;
      fs::remove_all(secondary_dir, ec);
      return FromRocks(s, path);
    }
    Status damage = CheckSecondary(raw, path, committed);
    if (!damage.ok()) {
      for (auto* h : handles) raw->DestroyColumnFamilyHandle(h).PermitUncheckedError();
      delete raw;
      std::error_code ec;
      fs::remove_all(secondary_dir, ec);
      return damage;
    }
  } else {
    // Some but not all of kg's column families: a damaged MANIFEST (a writer
    // would silently recreate the missing ones empty).
    if (existing.size() > 1 && existing.size() < kNumCf) return MissingColumnFamilies(path, existing.size());
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.wait_seconds);
    for (;;) {
      handles.clear();
      s = rocksdb::DB::Open(dbo, path, descs, &handles, &raw);
      if (s.ok() || !IsLockError(s)) break;
      if (std::chrono::steady_clock::now() >= deadline)
        return Status::Busy("database is busy: " + path +
                            " is locked by another kg process (try --wait SECONDS)");
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    if (!s.ok()) return FromRocks(s, path);
    if (committed && raw->GetLatestSequenceNumber() < committed->seq) {
      Status lost = LostWrites(path, raw->GetLatestSequenceNumber(), committed->seq);
      for (auto* h : handles) raw->DestroyColumnFamilyHandle(h).PermitUncheckedError();
      delete raw;
      return lost;
    }
    // Table files of a WriteSorted call that a crash interrupted before the
    // ingestion (never part of the database).
    // Likewise the table files of a bulk load that died before its ingestion:
    // the load is rolled back as a whole.
    for (std::size_t i = 0; i < kNumCf; ++i) {
      std::error_code ec;
      const std::string cf = CfName(static_cast<Cf>(i));
      fs::remove(fs::path(path) / ("group-" + cf + ".sst"), ec);
      fs::remove(fs::path(path) / (kBulkFilePrefix + cf + ".sst"), ec);
    }
  }
  return std::unique_ptr<Store>(std::make_unique<RocksStore>(
      path, std::unique_ptr<rocksdb::DB>(raw), std::move(handles), options.read_only,
      options.sync_writes, std::move(secondary_dir)));
}

Status CheckpointRocksStore(Store* store, const std::string& dir, bool copy_tables) {
  auto* rs = dynamic_cast<RocksStore*>(store);
  if (!rs) return Status::NotSupported("backup needs a RocksDB store");
  if (fs::exists(dir)) return Status::InvalidArgument("backup directory " + dir + " already exists");
  // RocksDB builds the checkpoint in DIR.tmp and renames it at the end, so a
  // killed backup leaves no DIR (and the next one clears DIR.tmp).
  KG_RETURN_IF_ERROR(rs->Checkpoint(dir));
  if (copy_tables) {
    // Hard links share the database's blocks: replace each by a copy.
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().extension() != ".sst" || fs::hard_link_count(it->path(), ec) < 2) continue;
      const fs::path tmp = it->path().string() + ".copy";
      fs::copy_file(it->path(), tmp, fs::copy_options::overwrite_existing, ec);
      if (!ec) fs::rename(tmp, it->path(), ec);
      if (ec) break;
    }
    if (ec) {
      std::error_code ec2;
      fs::remove_all(dir, ec2);
      return Status::IOError("backup to " + dir + " failed: " + ec.message());
    }
  }
  // A copy of damaged table files is no backup: read every block back.
  Status v = VerifyCheckpoint(dir);
  if (!v.ok()) {
    std::error_code ec;
    fs::remove_all(dir, ec);
    return Status::Corruption("backup not kept: " + v.message());
  }
  return Status::OK();
}

Status BulkLoadRocksStore(const Store& src, Store* dst) {
  auto* rs = dynamic_cast<RocksStore*>(dst);
  if (!rs) return Status::NotSupported("bulk load needs a RocksDB store");
  if (rs->read_only()) return Status::InvalidArgument("database is open read-only");
  return rs->IngestFrom(src);
}

bool RocksWriteBatchEncodingMatches(const Store& store, const WriteBatch& batch) {
  const auto* rs = dynamic_cast<const RocksStore*>(&store);
  return rs && rs->EncodingMatches(batch);
}

Status CompactRocksStore(Store* store) {
  auto* rs = dynamic_cast<RocksStore*>(store);
  if (!rs) return Status::OK();
  return rs->CompactAll();
}

Status VerifyRocksStore(Store* store, StoreVerification* out) {
  auto* rs = dynamic_cast<RocksStore*>(store);
  if (!rs) return Status::NotSupported("kg check needs a RocksDB store");
  const std::string& path = rs->path();
  std::vector<rocksdb::LiveFileMetaData> live;
  rs->db()->GetLiveFilesMetaData(&live);
  for (const auto& f : live) {
    ++out->table_files;
    out->table_bytes += f.size;
    std::error_code ec;
    const std::string name = f.name[0] == '/' ? f.name.substr(1) : f.name;
    const uint64_t on_disk = fs::file_size(fs::path(f.db_path) / name, ec);
    if (ec) out->problems.push_back("table file " + name + " is missing (" + ec.message() + ")");
    else if (on_disk != f.size)
      out->problems.push_back("table file " + name + " has " + std::to_string(on_disk) + " bytes instead of " +
                              std::to_string(f.size));
  }
  // Reads every block of every live table file and checks its checksum.
  rocksdb::Status s = rs->db()->VerifyChecksum();
  if (!s.ok()) out->problems.push_back("table files: " + s.ToString());
  rocksdb::DBOptions dbo;
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  rocksdb::ConfigOptions co;
  co.ignore_unknown_options = true;
  s = rocksdb::LoadLatestOptions(co, path, &dbo, &cfs);
  if (!s.ok() && !s.IsNotFound())
    out->problems.push_back("OPTIONS file: " + s.ToString() +
                            " (harmless for the data: the next writer writes a new one)");
  auto rec = internal::ReadCommitRecord(path);
  if (!rec.ok()) out->problems.push_back(rec.status().message() + " (the next writer writes a new one)");
  return Status::OK();
}

namespace {

// RepairDB keeps a table file whose data blocks read back but whose other
// blocks (filter, properties) are damaged. If the repaired database still
// fails its checksums, every key that can be read is copied into a fresh
// database, which then replaces it (the damaged state is kept by the caller).
// A column family whose scan hits an unreadable block keeps what came before.
Status SalvageIfDamaged(const std::string& path, rocksdb::DBOptions dbo,
                        const std::vector<rocksdb::ColumnFamilyDescriptor>& descs) {
  auto open = [&](const std::string& p, bool create, rocksdb::DB** db,
                  std::vector<rocksdb::ColumnFamilyHandle*>* h) {
    rocksdb::DBOptions o = dbo;
    o.create_if_missing = create;
    // RepairDB leaves out column families whose every table file was lost.
    o.create_missing_column_families = true;
    return rocksdb::DB::Open(o, p, descs, h, db);
  };
  auto close = [](rocksdb::DB* db, std::vector<rocksdb::ColumnFamilyHandle*>& h) {
    for (auto* x : h) db->DestroyColumnFamilyHandle(x).PermitUncheckedError();
    delete db;
  };
  rocksdb::DB* src = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> sh;
  rocksdb::Status s = open(path, false, &src, &sh);
  if (!s.ok()) return FromRocks(s, path);
  if (src->VerifyChecksum().ok()) {
    close(src, sh);
    return Status::OK();
  }
  const std::string fresh = path + ".salvage";
  std::error_code ec;
  fs::remove_all(fresh, ec);
  rocksdb::DB* dst = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> dh;
  s = open(fresh, true, &dst, &dh);
  for (std::size_t i = 0; s.ok() && i < kNumCf; ++i) {
    std::unique_ptr<rocksdb::Iterator> it(src->NewIterator(rocksdb::ReadOptions(), sh[i]));
    rocksdb::WriteBatch wb;
    for (it->SeekToFirst(); s.ok() && it->Valid(); it->Next()) {
      s = wb.Put(dh[i], it->key(), it->value());
      if (s.ok() && wb.GetDataSize() > (8u << 20)) {
        s = dst->Write(rocksdb::WriteOptions(), &wb);
        wb.Clear();
      }
    }
    // it->status() not OK: an unreadable block; what was read is kept.
    if (s.ok()) s = dst->Write(rocksdb::WriteOptions(), &wb);
  }
  if (s.ok()) s = dst->Flush(rocksdb::FlushOptions(), dh);
  close(dst, dh);
  close(src, sh);
  if (!s.ok()) {
    fs::remove_all(fresh, ec);
    return Status::IOError("salvage of " + path + " failed: " + s.ToString());
  }
  fs::remove_all(path, ec);
  if (!ec) fs::rename(fresh, path, ec);
  if (ec) return Status::IOError("cannot replace " + path + " by " + fresh + ": " + ec.message());
  return Status::OK();
}

}  // namespace

Status RepairRocksDatabase(const std::string& path, std::string* saved_to) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return Status::IOError("no database at " + path);
  if (internal::WriterHoldsLock(path))
    return Status::Busy("database is busy: " + path + " is locked by another kg process");
  // A copy of the damaged state first: repair is not undoable.
  char stamp[32];
  std::time_t now = std::time(nullptr);
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&now));
  const fs::path saved = path + ".before-repair-" + stamp;
  if (fs::exists(saved, ec)) return Status::InvalidArgument(saved.string() + " already exists");
  fs::create_directories(saved, ec);
  if (ec) return Status::IOError("cannot create " + saved.string() + ": " + ec.message());
  for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path rel = fs::relative(it->path(), path, ec);
    if (ec) break;
    const fs::path to = saved / rel;
    if (it->is_directory(ec)) {
      fs::create_directories(to, ec);
    } else if (it->path().extension() == ".sst") {
      fs::create_hard_link(it->path(), to, ec);  // immutable: a link is a copy
      if (ec) fs::copy_file(it->path(), to, ec);
    } else if (it->path().filename() != "LOCK") {
      fs::copy_file(it->path(), to, ec);
    }
    if (ec) break;
  }
  if (ec) return Status::IOError("cannot copy " + path + " to " + saved.string() + ": " + ec.message());
  *saved_to = saved.string();

  rocksdb::DBOptions dbo;
  dbo.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  std::vector<rocksdb::ColumnFamilyDescriptor> descs;
  for (std::size_t i = 0; i < kNumCf; ++i) {
    Cf cf = static_cast<Cf>(i);
    descs.emplace_back(i == 0 ? rocksdb::kDefaultColumnFamilyName : CfName(cf), CfOptions(cf, SharedCache()));
  }
  rocksdb::Status s = rocksdb::RepairDB(path, dbo, descs);
  if (!s.ok()) {
    if (IsLockError(s)) return Status::Busy("database is busy: " + path + " is locked by another kg process");
    return Status::IOError("repair of " + path + " failed: " + s.ToString());
  }
  // Staging files of interrupted loads are never part of the database.
  for (std::size_t i = 0; i < kNumCf; ++i) {
    const std::string cf = CfName(static_cast<Cf>(i));
    fs::remove(fs::path(path) / ("group-" + cf + ".sst"), ec);
    fs::remove(fs::path(path) / (kBulkFilePrefix + cf + ".sst"), ec);
  }
  KG_RETURN_IF_ERROR(internal::RemoveCommitRecord(path));
  return SalvageIfDamaged(path, dbo, descs);
}

Result<uint64_t> CatchUpRocksStore(Store* store) {
  auto* rs = dynamic_cast<RocksStore*>(store);
  if (!rs) return Status::NotSupported("catching up needs a RocksDB store");
  return rs->CatchUp();
}

uint64_t StoreVersion(const Store& store) {
  const auto* rocks = dynamic_cast<const RocksStore*>(&store);
  return rocks ? rocks->ContentVersion() : 0;
}

uint64_t StoreTablesVersion(const Store& store) {
  const auto* rocks = dynamic_cast<const RocksStore*>(&store);
  return rocks ? rocks->ContentVersion(/*with_sequence=*/false) : 0;
}

}  // namespace kg
