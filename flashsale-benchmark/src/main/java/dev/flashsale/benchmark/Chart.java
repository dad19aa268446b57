package dev.flashsale.benchmark;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * One PNG a person can read at a glance: decisions per second of every system and scenario beside the broker limit and
 * the processor alone; buyers' final statuses per second and the p99 submit latency over time in the one-hot-product
 * sale; the sell-out times; every system's submit p99 against the open model's arrival rate; the commit-interval
 * curve; the CPU per sold unit; and final statuses per second on fresh JVMs and right after.
 */
final class Chart {

    private static final int WIDTH = 1600;
    private static final int HEIGHT = 2100;

    private Chart() {
    }

    static void write(Report report, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        g.drawString("flashsale bench " + report.runId() + " — " + report.machine().cores() + " cores, "
                + report.machine().cpu(), 20, 30);
        int top = 45;
        int w = WIDTH / 2;
        int h = (HEIGHT - top) / 4;
        light(decisions(report)).draw(g, new Rectangle2D.Double(0, top, w, h));
        light(overTime(report, "Final statuses per second (one hot product)", "finals/s", false))
                .draw(g, new Rectangle2D.Double(w, top, w, h));
        light(overTime(report, "p99 submit latency per second (one hot product)", "ms", true))
                .draw(g, new Rectangle2D.Double(0, top + h, w, h));
        light(sellOut(report)).draw(g, new Rectangle2D.Double(w, top + h, w, h));
        light(openModel(report)).draw(g, new Rectangle2D.Double(0, top + 2 * h, w, h));
        light(commitInterval(report)).draw(g, new Rectangle2D.Double(w, top + 2 * h, w, h));
        light(cpuPerUnit(report)).draw(g, new Rectangle2D.Double(0, top + 3 * h, w, h));
        light(freshJvm(report)).draw(g, new Rectangle2D.Double(w, top + 3 * h, w, h));
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static JFreeChart decisions(Report report) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Figures f : report.runs()) {
            data.addValue(f.decisionsPerSecond(), f.system(), shortScenario(f.scenario()));
        }
        for (BrokerLimit.Result limit : report.brokerLimits()) {
            data.addValue(limit.recordsPerSecond(), "broker limit (raw produce→consume)",
                    "broker, " + limit.partitions() + " partition" + (limit.partitions() > 1 ? "s" : ""));
        }
        if (report.processorAlone() != null) {
            ProcessorAlone.Result alone = report.processorAlone();
            data.addValue(alone.decisionsPerSecond(), "processor alone (drain), 1 partition, 1 thread",
                    "alone, 1 partition");
            data.addValue(alone.broker().recordsPerSecond(), "broker limit (raw produce→consume)",
                    "alone, 1 partition");
        }
        JFreeChart chart = ChartFactory.createBarChart("Final statuses per second (closed load; log scale)", null,
                "per second", data, PlotOrientation.VERTICAL, true, false, false);
        LogarithmicAxis axis = new LogarithmicAxis("per second (log)");
        axis.setStrictValuesFlag(false); // a category without a value for a series is no error
        chart.getCategoryPlot().setRangeAxis(axis);
        return chart;
    }

    private static JFreeChart light(JFreeChart chart) {
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        if (chart.getPlot() instanceof org.jfree.chart.plot.XYPlot xy) {
            xy.setDomainGridlinePaint(Color.LIGHT_GRAY);
            xy.setRangeGridlinePaint(Color.LIGHT_GRAY);
        } else if (chart.getPlot() instanceof org.jfree.chart.plot.CategoryPlot category) {
            category.setRangeGridlinePaint(Color.LIGHT_GRAY);
        }
        return chart;
    }

    private static JFreeChart sellOut(Report report) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Figures f : report.runs()) {
            if (f.sellOutSeconds() != null) {
                data.addValue(f.sellOutSeconds(), f.system(), shortScenario(f.scenario()));
            }
        }
        return ChartFactory.createBarChart("Seconds until the last unit was sold (closed load)", null, "seconds",
                data, PlotOrientation.VERTICAL, true, false, false);
    }

    private static String shortScenario(String scenario) {
        return scenario.length() > 28 ? scenario.substring(0, 28) + "…" : scenario;
    }

    private static JFreeChart overTime(Report report, String title, String axis, boolean latency) {
        XYSeriesCollection data = new XYSeriesCollection();
        String scenario = report.runs().isEmpty() ? "" : report.runs().get(0).scenario();
        for (Figures f : report.runs()) {
            if (!f.scenario().equals(scenario)) {
                continue;
            }
            XYSeries series = new XYSeries(f.system());
            for (Figures.TimePoint point : f.timeline()) {
                series.add(point.second(), latency ? point.submitP99() : point.finals());
            }
            data.addSeries(series);
        }
        return ChartFactory.createXYLineChart(title, "seconds since the first order", axis, data,
                PlotOrientation.VERTICAL, true, false, false);
    }

    private static JFreeChart openModel(Report report) {
        XYSeriesCollection data = new XYSeriesCollection();
        Map<String, XYSeries> bySystem = new java.util.LinkedHashMap<>();
        for (Figures f : report.openModel()) {
            if (f.arrivalRate() != null) {
                bySystem.computeIfAbsent(f.system(), XYSeries::new).add(f.arrivalRate().doubleValue(),
                        Math.max(0.1, f.submitLatency().p99()));
            }
        }
        bySystem.values().forEach(data::addSeries);
        report.options().open().ifPresent(sweep -> {
            XYSeries bound = new XYSeries("bound (p99 " + sweep.p99Bound().toMillis() + " ms)");
            sweep.rates().forEach(rate -> bound.add(rate.doubleValue(), sweep.p99Bound().toMillis()));
            if (!bySystem.isEmpty()) {
                data.addSeries(bound);
            }
        });
        JFreeChart chart = ChartFactory.createXYLineChart("Open model: submit p99 as the arrival rate steps up",
                "offered buyers/s", "submit p99 ms (log)", data, PlotOrientation.VERTICAL, true, false, false);
        // A system that gave up after one step is a single point: markers, or it would not show at all.
        ((org.jfree.chart.renderer.xy.XYLineAndShapeRenderer) chart.getXYPlot().getRenderer())
                .setDefaultShapesVisible(true);
        if (data.getSeriesCount() > 0) {
            LogarithmicAxis axis = new LogarithmicAxis("submit p99 ms (log)");
            axis.setStrictValuesFlag(false);
            chart.getXYPlot().setRangeAxis(axis);
        }
        return chart;
    }

    private static JFreeChart cpuPerUnit(Report report) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Figures f : report.runs()) {
            if (f.cpuMsPerUnit() != null) {
                data.addValue(f.cpuMsPerUnit(), f.system(), shortScenario(f.scenario()));
            }
        }
        return ChartFactory.createBarChart("CPU ms per sold unit, all of a system's processes (closed load)", null,
                "ms per unit", data, PlotOrientation.VERTICAL, true, false, false);
    }

    private static JFreeChart freshJvm(Report report) {
        XYSeriesCollection data = new XYSeriesCollection();
        if (report.freshJvm() != null) {
            for (FreshJvm.Sale sale : java.util.List.of(report.freshJvm().fresh(), report.freshJvm().again())) {
                XYSeries series = new XYSeries(sale.jvms());
                for (Figures.TimePoint point : sale.figures().timeline()) {
                    series.add(point.second(), point.finals());
                }
                data.addSeries(series);
            }
        }
        return ChartFactory.createXYLineChart("Fresh JVMs: final statuses per second after a restart",
                "seconds since the first order", "finals/s", data, PlotOrientation.VERTICAL, true, false, false);
    }

    private static JFreeChart commitInterval(Report report) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Map.Entry<Long, Figures> point : report.commitIntervalCurve().entrySet()) {
            Figures f = point.getValue();
            String interval = point.getKey() + " ms";
            if (f.serverTimeToFinal() != null) {
                data.addValue(f.serverTimeToFinal().p50(), "server time to final p50 (ms)", interval);
                data.addValue(f.serverTimeToFinal().p99(), "server time to final p99 (ms)", interval);
            }
            data.addValue(f.deciderPerSecond() / 10, "decisions/s ÷ 10", interval);
        }
        return ChartFactory.createBarChart("commit.interval.ms: latency floor and throughput", "commit.interval.ms",
                "ms   |   decisions/s ÷ 10", data, PlotOrientation.VERTICAL, true, false, false);
    }
}
