// Your own app for `sim compositor`: it draws one layer of the screen itself, through its BufferQueue.
//
//   sim compositor --template app > MyApp.java      this file
//   sim compositor --app MyApp.java                 run it on the home screen's app window, under every check
//   sim compositor --app MyApp.java --scenario rotation --frames --png-dir frames     ...and look at the frames
//   sim compositor --grade MyApp.java               run it through the grading battery
//
// Every frame goes round the BufferQueue (AOSP frameworks/native/libs/gui): dequeueBuffer hands you a FREE buffer
// and a release fence; the display (or the GPU) may still be reading that buffer until the fence signals, so wait
// for it before you draw (rule "write-before-release-fence"; drawing early tears the screen, rule "tearing"); draw
// with the Canvas; queueBuffer hands the buffer to SurfaceFlinger with the part that changed. Give every buffer back
// once (rule "buffer-queue-call"). Colours are straight ARGB (0xAARRGGBB); the Canvas stores them premultiplied, as
// the layer's blend mode wants (rule "premultiplied-invariant").
//
// Virtual time does not pass inside your methods: the system charges your layer's UI-thread time before onFrame and
// its render and GPU time between queueBuffer and the buffer's acquire fence. Waiting is a callback (waitFor), never
// a loop. This version is correct: try drawing before the fence signals, or forgetting to queue, and see which rule
// catches you.

import org.sysmodels.compositor.app.Canvas;
import org.sysmodels.compositor.app.DequeuedBuffer;
import org.sysmodels.compositor.app.Surface;
import org.sysmodels.compositor.app.SurfaceApp;
import org.sysmodels.compositor.app.VsyncFrame;
import org.sysmodels.compositor.pixel.Rect;

public class MyApp implements SurfaceApp {

    private boolean drawing;      // a buffer is dequeued and not yet queued
    private boolean waiting;      // a frame is wanted but no buffer was FREE
    private long frames;          // frames drawn so far

    @Override
    public void onFrame(Surface surface, VsyncFrame frame) {
        if (drawing) {
            return;                // the previous frame is not done: skip this vsync, as Choreographer would
        }
        startFrame(surface);
    }

    @Override
    public void onBufferReleased(Surface surface) {
        if (waiting && !drawing) {
            startFrame(surface);   // a buffer came back FREE: draw the frame we could not start
        }
    }

    private void startFrame(Surface surface) {
        DequeuedBuffer buffer = surface.dequeueBuffer();
        if (buffer == null) {      // every buffer is queued or on screen: wait for onBufferReleased
            waiting = true;
            return;
        }
        waiting = false;
        drawing = true;
        surface.waitFor(buffer.releaseFence(), () -> {     // runs once nobody reads the buffer any more
            draw(buffer.canvas(), buffer.width(), buffer.height(), frames++);
            surface.queueBuffer(buffer, null);              // null: the whole buffer changed
            drawing = false;
        });
    }

    /** A dark background, a ball swinging left and right, and a frame counter. */
    private static void draw(Canvas c, int w, int h, long frame) {
        c.clear(Rect.ofSize(w, h), 0xff1d3557);
        double x = w / 2.0 + w / 3.0 * Math.sin(frame / 20.0);
        c.disc(x, h / 2.0, Math.min(w, h) / 8.0, 0xffe63946);
        c.text("FRAME " + frame, 8, 8, Math.max(1, h / 200), 0xffffffff);
    }
}
