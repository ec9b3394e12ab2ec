/*
 * pixman_ref: a tiny interpreter that runs pixman calls for compositor-sim's tests, so the Java blenders can be
 * compared bit for bit with the system's pixman (the reference). Written for sysmodels.
 *
 * Input on stdin and output on stdout are little-endian int32 words. Commands:
 *   1 IMAGE   id format w h pixels[w*h]   format 0 a8r8g8b8, 1 x8r8g8b8, 2 a8 (one word per pixel, low byte)
 *   2 SOLID   id argb                     a solid fill of that premultiplied colour
 *   3 XFORM   id m[9]                     a 16.16 fixed-point transform (row-major), nearest filter
 *   4 COMP    op src mask dst sx sy mx my dx dy w h      mask -1 for none; op is a pixman_op_t
 *   5 READ    id                          writes w*h words of the image
 *   6 VIEW    id base format              a second image over base's pixels, in another format
 *   7 FILTER  id filter                   0 nearest, 1 bilinear
 *   8 REPEAT  id repeat                   a pixman_repeat_t
 *   0 END
 * Build: cc -O2 -o pixman_ref pixman_ref.c $(pkg-config --cflags --libs pixman-1)
 */
#include <pixman.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_IMAGES 256

static pixman_image_t *images[MAX_IMAGES];
static uint32_t *bits[MAX_IMAGES];
static int widths[MAX_IMAGES], heights[MAX_IMAGES], formats[MAX_IMAGES];

static int32_t word(void) {
    int32_t v;
    if (fread(&v, 4, 1, stdin) != 1) {
        fprintf(stderr, "pixman_ref: unexpected end of input\n");
        exit(3);
    }
    return v;
}

static int image_id(void) {
    int32_t id = word();
    if (id < 0 || id >= MAX_IMAGES) {
        fprintf(stderr, "pixman_ref: bad image id %d\n", id);
        exit(3);
    }
    return id;
}

static pixman_format_code_t format_of(int f) {
    return f == 0 ? PIXMAN_a8r8g8b8 : f == 1 ? PIXMAN_x8r8g8b8 : PIXMAN_a8;
}

static void release(int id) {
    if (images[id]) {
        pixman_image_unref(images[id]);
        images[id] = NULL;
    }
}

static void create_image(void) {
    int id = image_id(), f = word(), w = word(), h = word();
    int stride = f == 2 ? ((w + 3) & ~3) : w * 4;
    uint8_t *mem = calloc((size_t) stride * h, 1);
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            uint32_t p = (uint32_t) word();
            if (f == 2) {
                mem[y * stride + x] = (uint8_t) p;
            } else {
                ((uint32_t *) (mem + y * stride))[x] = p;
            }
        }
    }
    release(id);
    images[id] = pixman_image_create_bits(format_of(f), w, h, (uint32_t *) mem, stride);
    bits[id] = (uint32_t *) mem;
    widths[id] = w;
    heights[id] = h;
    formats[id] = f;
}

static void create_view(void) {
    int id = image_id(), base = image_id(), f = word();
    int stride = formats[base] == 2 ? ((widths[base] + 3) & ~3) : widths[base] * 4;
    release(id);
    images[id] = pixman_image_create_bits(format_of(f), widths[base], heights[base], bits[base], stride);
    bits[id] = bits[base];
    widths[id] = widths[base];
    heights[id] = heights[base];
    formats[id] = f;
}

static void create_solid(void) {
    int id = image_id();
    uint32_t c = (uint32_t) word();
    pixman_color_t color = {
        .red = (uint16_t) (((c >> 16) & 0xff) * 0x101),
        .green = (uint16_t) (((c >> 8) & 0xff) * 0x101),
        .blue = (uint16_t) ((c & 0xff) * 0x101),
        .alpha = (uint16_t) ((c >> 24) * 0x101),
    };
    release(id);
    images[id] = pixman_image_create_solid_fill(&color);
}

static void set_transform(void) {
    int id = image_id();
    pixman_transform_t t;
    for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
            t.matrix[r][c] = word();
        }
    }
    pixman_image_set_transform(images[id], &t);
    pixman_image_set_filter(images[id], PIXMAN_FILTER_NEAREST, NULL, 0);
}

static void composite(void) {
    int op = word(), src = image_id(), mask = word(), dst = image_id();
    int sx = word(), sy = word(), mx = word(), my = word(), dx = word(), dy = word(), w = word(), h = word();
    pixman_image_composite32((pixman_op_t) op, images[src], mask < 0 ? NULL : images[mask], images[dst],
                             sx, sy, mx, my, dx, dy, w, h);
}

static void read_image(void) {
    int id = image_id();
    int stride = formats[id] == 2 ? ((widths[id] + 3) & ~3) : widths[id] * 4;
    uint8_t *mem = (uint8_t *) bits[id];
    for (int y = 0; y < heights[id]; y++) {
        for (int x = 0; x < widths[id]; x++) {
            uint32_t p = formats[id] == 2 ? mem[y * stride + x] : ((uint32_t *) (mem + y * stride))[x];
            fwrite(&p, 4, 1, stdout);
        }
    }
}

int main(void) {
    for (;;) {
        switch (word()) {
            case 0: fflush(stdout); return 0;
            case 1: create_image(); break;
            case 2: create_solid(); break;
            case 3: set_transform(); break;
            case 4: composite(); break;
            case 5: read_image(); break;
            case 6: create_view(); break;
            case 7: { int id = image_id(); int f = word();
                      pixman_image_set_filter(images[id], f ? PIXMAN_FILTER_BILINEAR : PIXMAN_FILTER_NEAREST, NULL, 0);
                      break; }
            case 8: { int id = image_id(); pixman_image_set_repeat(images[id], (pixman_repeat_t) word()); break; }
            default: fprintf(stderr, "pixman_ref: unknown command\n"); return 3;
        }
    }
}
