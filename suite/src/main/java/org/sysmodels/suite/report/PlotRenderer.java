package org.sysmodels.suite.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.IChart;
import org.knowm.xchart.style.Styler;
import org.sysmodels.core.run.Plot;
import org.sysmodels.core.run.Series;

/** Draws a {@link Plot} (data from a model) as a PNG with XChart. Runs headless. */
public final class PlotRenderer {

    private static final int WIDTH = 860;
    private static final int HEIGHT = 460;

    private PlotRenderer() {
    }

    /** Writes {@code <dir>/<plot id>.png}. @return the file */
    public static Path render(Plot plot, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(plot.id() + ".png");
        BitmapEncoder.saveBitmap(chart(plot), file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }

    static IChart chart(Plot plot) {
        if (plot.kind() == Plot.Kind.BAR) {
            CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(plot.title())
                    .xAxisTitle(plot.xLabel()).yAxisTitle(plot.yLabel()).build();
            style(c.getStyler());
            c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);   // inside, it covers the first bar
            c.getStyler().setYAxisLogarithmic(plot.logY());
            for (Series s : plot.series()) {
                c.addSeries(s.name(), s.x(), s.y());
            }
            return c;
        }
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(plot.title())
                .xAxisTitle(plot.xLabel()).yAxisTitle(plot.yLabel()).build();
        style(c.getStyler());
        c.getStyler().setXAxisLogarithmic(plot.logX());
        c.getStyler().setYAxisLogarithmic(plot.logY());
        c.getStyler().setDefaultSeriesRenderStyle(switch (plot.kind()) {
            case SCATTER -> XYSeries.XYSeriesRenderStyle.Scatter;
            case STEP -> XYSeries.XYSeriesRenderStyle.Step;
            default -> XYSeries.XYSeriesRenderStyle.Line;
        });
        for (Series s : plot.series()) {
            c.addSeries(s.name(), s.x(), s.y());
        }
        return c;
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(java.awt.Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.InsideNW);
        s.setAntiAlias(true);
    }
}
