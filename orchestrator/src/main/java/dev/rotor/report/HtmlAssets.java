package dev.rotor.report;

/** Holds the inline stylesheet and script of the HTML report; neither loads anything. */
final class HtmlAssets {
  private HtmlAssets() {}

  static final String CSS =
      """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
        margin:24px;color:#1b1b1b;font-size:14px}
      h1{font-size:22px;margin:0 0 12px}h2{font-size:17px;border-bottom:1px solid #ccc;
        padding-bottom:3px;margin-top:26px}h3{font-size:14px;margin:10px 0 4px}
      table{border-collapse:collapse}th,td{border:1px solid #d6d6d6;padding:3px 6px;
        text-align:left;vertical-align:top}thead th{background:#f1f3f4}
      table.facts th{background:#f7f7f7;width:150px}table.counts td{text-align:right}
      tfoot tr{font-weight:bold;background:#fafafa}
      .swatch{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
      .charts figure{margin:10px 0 18px}figcaption{font-weight:600;margin-bottom:4px}
      .none,.note,.empty{color:#666}.orgs code{font-size:12px;margin-right:4px}
      .orgs{max-height:9em;overflow:auto;border:1px solid #e0e0e0;padding:4px;margin:4px 0}
      .headline{font-size:16px;margin:6px 0 10px}.headline b{font-size:18px}
      .controls{margin:8px 0;padding:6px;background:#f7f7f7;border:1px solid #e0e0e0}
      .wide{overflow-x:auto}#targets{font-size:12px;width:100%}#targets td{word-break:break-word}
      .outcome{white-space:nowrap}
      .o-REVOKED{color:#2e7d32;font-weight:600}.o-FAILED{color:#c62828;font-weight:600}
      .o-UNKNOWN{color:#ef6c00;font-weight:600}.o-IN_FLIGHT{color:#8e24aa}
      footer{margin-top:24px;color:#666;font-size:12px}
      @media print{@page{size:A4 landscape;margin:12mm}body{margin:0;font-size:10pt}
        .controls,script{display:none}.orgs,.wide{max-height:none;overflow:visible;border:0}
        #targets{font-size:7pt}tr{page-break-inside:avoid}
        thead{display:table-header-group}figure{page-break-inside:avoid}}
      """;

  static final String SCRIPT =
      """
      (function () {
        var tenant = document.getElementById('f-tenant');
        var outcome = document.getElementById('f-outcome');
        var count = document.getElementById('f-count');
        var rows = document.getElementById('targets').tBodies[0].rows;
        function matches(row) {
          var t = tenant.value, o = outcome.value;
          return (t === '' || row.getAttribute('data-tenant') === t)
              && (o === '' || row.getAttribute('data-outcome') === o);
        }
        function apply() {
          var shown = 0;
          for (var i = 0; i !== rows.length; i++) {
            var show = matches(rows[i]);
            rows[i].style.display = show ? '' : 'none';
            if (show) { shown++; }
          }
          count.textContent = shown + ' shown';
        }
        tenant.addEventListener('change', apply);
        outcome.addEventListener('change', apply);
      })();
      """;
}
