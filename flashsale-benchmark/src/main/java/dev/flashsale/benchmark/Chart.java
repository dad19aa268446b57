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
 * One PNG a person can read at a glance: decisions per second of every system and scenario beside the broker limit;
 * buyers' final statuses per second and the p99 submit latency over time in the one-hot-product sale; and the
 * open-model and commit-interval curves.
 */
final class Chart {

    private static final int WIDTH = 1600;
    private static final int HEIGHT = 1600;

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
        int h = (HEIGHT - top) / 3;
        light(decisions(report)).draw(g, new Rectangle2D.Double(0, top, w, h));
        light(overTime(report, "Final statuses per second (one hot product)", "finals/s", false))
                .draw(g, new Rectangle2D.Double(w, top, w, h));
        light(overTime(report, "p99 submit latency per second (one hot product)", "ms", true))
                .draw(g, new Rectangle2D.Double(0, top + h, w, h));
        light(sellOut(report)).draw(g, new Rectangle2D.Double(w, top + h, w, h));
        light(openModel(report)).draw(g, new Rectangle2D.Double(0, top + 2 * h, w, h));
        light(commitInterval(report)).draw(g, new Rectangle2D.Double(w, top + 2 * h, w, h));
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
        XYSeries offered = new XYSeries("offered");
        XYSeries decided = new XYSeries("decisions/s");
        for (Figures f : report.openModel()) {
            double rate = Double.parseDouble(f.model().replaceAll("[^0-9.]", ""));
            offered.add(rate, rate);
            decided.add(rate, f.deciderPerSecond());
        }
        data.addSeries(offered);
        data.addSeries(decided);
        return ChartFactory.createXYLineChart("Open model: decisions/s as the arrival rate doubles",
                "offered buyers/s", "per second", data, PlotOrientation.VERTICAL, true, false, false);
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
