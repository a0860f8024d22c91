// Lantern's whole use of libvips, as plain functions: libvips's own API is variadic (named
// optional arguments ending in NULL), which Swift cannot call. Nothing here keeps state
// between calls except libvips's start-up.
#ifndef LANTERN_VIPS_H
#define LANTERN_VIPS_H

#include <stddef.h>

/// The encodings Lantern writes.
typedef enum {
    LANTERN_JPEG = 0,
    LANTERN_PNG = 1,
    LANTERN_WEBP = 2,
    LANTERN_AVIF = 3,
} lantern_format;

/// What an image's header says, read without decoding its pixels.
typedef struct {
    int width;
    int height;
    /// EXIF orientation, 1 (upright) to 8; 5 to 8 swap width and height.
    int orientation;
} lantern_header;

/// One encoded file, allocated by libvips: release it with lantern_vips_free.
typedef struct {
    void *data;
    size_t length;
} lantern_encoded;

/// Starts libvips once: no operation cache (each picture is read once per build), one
/// thread per picture (Lantern runs a picture per core), untrusted loaders blocked.
/// Returns 0 on success.
int lantern_vips_start(void);

/// Reads the header of an image in memory. Returns 0 on success.
int lantern_vips_header(const void *bytes, size_t length, lantern_header *header);

/// Makes the image `width` pixels wide (never wider than it is), upright, in sRGB, and saves it
/// in each of `count` formats with every piece of metadata removed (EXIF, XMP, IPTC, comments,
/// the colour profile once applied). Fails on a truncated or corrupt image instead of
/// filling the missing part. `outputs` has `count` entries; on failure none is left allocated.
/// Returns 0 on success.
int lantern_vips_encode(const void *bytes, size_t length, int width, const lantern_format *formats,
                        int count, int quality, lantern_encoded *outputs);

/// The colour of the pixel at (`x`, `y`) of an image in memory, as libvips decodes it (no
/// colour management): up to four band values in `values`, their number in `bands`. Tests read
/// what a variant shows with it. Returns 0 on success.
int lantern_vips_pixel(const void *bytes, size_t length, int x, int y, double values[4], int *bands);

/// libvips's error text since the last call (a copy, to release with lantern_vips_free), and
/// clears it. NULL when there is none.
char *lantern_vips_take_error(void);

void lantern_vips_free(void *pointer);

/// SHA-256 of `length` bytes, as 64 lowercase hex digits and a NUL in `hex` (65 bytes), by
/// GLib (which libvips is built on).
void lantern_sha256(const void *bytes, size_t length, char *hex);

#endif
