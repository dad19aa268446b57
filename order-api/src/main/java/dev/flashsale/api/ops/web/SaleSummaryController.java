package dev.flashsale.api.ops.web;

import dev.flashsale.api.ops.SaleSummaries;
import dev.flashsale.api.ops.SaleSummary;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SaleSummaryController implements SaleSummaryDocs {

    private final SaleSummaries summaries;

    SaleSummaryController(SaleSummaries summaries) {
        this.summaries = summaries;
    }

    @GetMapping("/api/sale/summary")
    @Override
    public ResponseEntity<SaleSummary> summary() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(summaries.now());
    }
}
