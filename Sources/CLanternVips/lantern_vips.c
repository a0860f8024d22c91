#include "lantern_vips.h"

#include <string.h>
#include <vips/vips.h>

int lantern_vips_start(void) {
    if (VIPS_INIT("lantern")) return -1;
    vips_cache_set_max(0);
    vips_concurrency_set(1);
    vips_block_untrusted_set(TRUE);
    return 0;
}

int lantern_vips_header(const void *bytes, size_t length, lantern_header *header) {
    VipsImage *image = vips_image_new_from_buffer(bytes, length, "", NULL);
    if (!image) return -1;
    header->width = vips_image_get_width(image);
    header->height = vips_image_get_height(image);
    int orientation = 1;
    if (vips_image_get_typeof(image, VIPS_META_ORIENTATION)
        && vips_image_get_int(image, VIPS_META_ORIENTATION, &orientation) != 0) {
        orientation = 1;
    }
    header->orientation = orientation >= 1 && orientation <= 8 ? orientation : 1;
    g_object_unref(image);
    return 0;
}

static int save(VipsImage *image, lantern_format format, int quality, lantern_encoded *out) {
    out->data = NULL;
    out->length = 0;
    switch (format) {
    case LANTERN_JPEG:
        return vips_jpegsave_buffer(image, &out->data, &out->length, "Q", quality, "strip", TRUE,
                                    "optimize_coding", TRUE, "interlace", TRUE, NULL);
    case LANTERN_PNG:
        return vips_pngsave_buffer(image, &out->data, &out->length, "strip", TRUE, "compression", 9, NULL);
    case LANTERN_WEBP:
        return vips_webpsave_buffer(image, &out->data, &out->length, "Q", quality, "strip", TRUE, NULL);
    case LANTERN_AVIF:
        return vips_heifsave_buffer(image, &out->data, &out->length, "Q", quality, "strip", TRUE,
                                    "compression", VIPS_FOREIGN_HEIF_COMPRESSION_AV1, NULL);
    }
    vips_error("lantern", "unknown output format %d", (int)format);
    return -1;
}

int lantern_vips_encode(const void *bytes, size_t length, int width, const lantern_format *formats,
                        int count, int quality, lantern_encoded *outputs) {
    VipsImage *thumbnail = NULL;
    // Height unbounded: only the width limits the size. Shrinking only, never enlarging.
    if (vips_thumbnail_buffer((void *)bytes, length, &thumbnail, width, "height", VIPS_MAX_COORD,
                              "size", VIPS_SIZE_DOWN, "option_string", "fail_on=truncated", NULL)) {
        return -1;
    }
    // vips_thumbnail keeps the pixels in the picture's own colour space, its profile attached;
    // the published file has no profile, so browsers take it as sRGB: convert it. A profile
    // that cannot be used (damaged) leaves the colours as they are rather than failing.
    if (vips_image_get_typeof(thumbnail, VIPS_META_ICC_NAME)) {
        VipsImage *converted = NULL;
        if (vips_icc_transform(thumbnail, &converted, "srgb", "embedded", TRUE, "intent",
                               VIPS_INTENT_RELATIVE, NULL) == 0) {
            g_object_unref(thumbnail);
            thumbnail = converted;
        } else {
            vips_error_clear();
        }
    }
    // Made once in memory (a few megabytes at most), then saved in every format.
    VipsImage *made = vips_image_copy_memory(thumbnail);
    g_object_unref(thumbnail);
    if (!made) return -1;
    // "strip" is not enough: libvips 8.14's WebP writer still copies EXIF and XMP. Every
    // metadata field goes before any writer sees the image.
    gchar **fields = vips_image_get_fields(made);
    for (int i = 0; fields && fields[i]; i++) vips_image_remove(made, fields[i]);
    g_strfreev(fields);
    for (int i = 0; i < count; i++) {
        if (save(made, formats[i], quality, &outputs[i])) {
            for (int j = 0; j <= i; j++) {
                g_free(outputs[j].data);
                outputs[j].data = NULL;
            }
            g_object_unref(made);
            return -1;
        }
    }
    g_object_unref(made);
    return 0;
}

int lantern_vips_pixel(const void *bytes, size_t length, int x, int y, double values[4], int *bands) {
    VipsImage *image = vips_image_new_from_buffer(bytes, length, "", NULL);
    if (!image) return -1;
    double *vector = NULL;
    int n = 0;
    int status = vips_getpoint(image, &vector, &n, x, y, NULL);
    g_object_unref(image);
    if (status) return -1;
    *bands = n < 4 ? n : 4;
    for (int i = 0; i < *bands; i++) values[i] = vector[i];
    g_free(vector);
    return 0;
}

char *lantern_vips_take_error(void) {
    const char *text = vips_error_buffer();
    char *copy = text && *text ? g_strdup(text) : NULL;
    vips_error_clear();
    return copy;
}

void lantern_vips_free(void *pointer) { g_free(pointer); }

void lantern_sha256(const void *bytes, size_t length, char *hex) {
    gchar *digest = g_compute_checksum_for_data(G_CHECKSUM_SHA256, bytes, length);
    memcpy(hex, digest, 64);
    hex[64] = 0;
    g_free(digest);
}
