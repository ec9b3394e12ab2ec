package org.sysmodels.compositor.output;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sysmodels.compositor.model.CompositorObserver;
import org.sysmodels.compositor.pixel.Image;

/**
 * Watches the screen at every vsync: logs which display frame and which layer frames were shown, optionally writes
 * a PNG of every new display frame (as scanned out, tears included), and keeps thumbnails of chosen vsyncs for a
 * contact sheet.
 */
public final class FrameRecorder implements CompositorObserver {

    /** What was on screen during one vsync interval. */
    public record Shown(long vsync, long displayFrame, List<String> layerFrames) {
    }

    private final Path pngDir;
    private final List<Long> thumbnailVsyncs;
    private final List<Shown> log = new ArrayList<>();
    private final List<ContactSheet.Cell> cells = new ArrayList<>();
    private final List<Path> written = new ArrayList<>();
    private long lastFrame = Long.MIN_VALUE;
    private String failure;

    /**
     * @param pngDir          where to write one PNG per display frame, or null
     * @param thumbnailVsyncs the vsync intervals to keep for the contact sheet
     */
    public FrameRecorder(Path pngDir, List<Long> thumbnailVsyncs) {
        this.pngDir = pngDir;
        this.thumbnailVsyncs = List.copyOf(thumbnailVsyncs);
    }

    @Override
    public void onScanout(long vsync, long time, Image screen, long displayFrame, List<String> layerFrames) {
        if (vsync < 1) {
            return;
        }
        log.add(new Shown(vsync, displayFrame, List.copyOf(layerFrames)));
        if (pngDir != null && failure == null && displayFrame >= 0 && displayFrame != lastFrame) {
            Path file = pngDir.resolve(String.format(java.util.Locale.ROOT, "frame-%04d-vsync-%04d.png", displayFrame, vsync));
            try {
                Png.write(screen, file);
                written.add(file);
            } catch (java.io.UncheckedIOException e) {
                failure = e.getMessage();
            }
        }
        lastFrame = displayFrame;
        if (thumbnailVsyncs.contains(vsync)) {
            cells.add(new ContactSheet.Cell(ContactSheet.thumbnail(screen, 180, 300),
                    "VSYNC " + vsync + (displayFrame >= 0 ? " F" + displayFrame : "")));
        }
    }

    public List<Shown> log() {
        return List.copyOf(log);
    }

    public List<ContactSheet.Cell> cells() {
        return List.copyOf(cells);
    }

    public List<Path> written() {
        return List.copyOf(written);
    }

    /** Why writing PNG files stopped (the disk filled up, the folder went away), if it did; the run went on. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** What was on screen during vsync interval v, or null. */
    public Shown shownAt(long v) {
        return log.stream().filter(s -> s.vsync() == v).findFirst().orElse(null);
    }
}
