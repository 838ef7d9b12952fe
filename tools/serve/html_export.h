// `kg export --format html`: one self-contained HTML file with the explorer
// page of `kg serve` (the same index.html, app.js, styles and vendored
// libraries, inlined) and the exported subgraph as data: nodes, edges and the
// evidence sentences of every relationship, so the view, the filters, the
// timeline and the evidence panel work offline, from a mail attachment.
// The file loads nothing: no <script src>, no <link href>, and a
// Content-Security-Policy that allows no network at all.
//
// Thread safety: reads the graph and the snapshot only.
#pragma once

#include <string>

#include "graph/export/export.h"
#include "graph/export/sink.h"
#include "graph/graph.h"
#include "graph/snapshot.h"

namespace kg::serve {

struct HtmlExportOptions {
  std::string web_dir;                       // REQUIRED: the installed page (FindArtifact("web"))
  std::string title = "kg graph";            // page title
  std::string description;                   // what was exported (filters), shown on the page
  std::size_t max_evidence_per_relation = 20;  // sentences kept per relationship (the count says how many exist)
};

// Writes the page for `snap` (with `metrics` as node sizes) to `out`; the
// evidence comes from `g`. NotFound when the web assets are not installed.
Status WriteHtml(const Graph& g, const GraphSnapshot& snap, const exp::NodeMetrics& metrics,
                 const HtmlExportOptions& options, exp::Sink* out);

}  // namespace kg::serve
