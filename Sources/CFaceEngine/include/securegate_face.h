#ifndef SECUREGATE_FACE_H
#define SECUREGATE_FACE_H

/* The face engine's C boundary: dlib's HOG face detector, its 5-point landmarks and its ResNet face
   descriptor, behind plain C so that Swift never sees C++. One engine is used by one thread at a time. */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SG_FACE_DESCRIPTOR_LENGTH 128

/* What a call returns when it fails (a count or zero otherwise). */
enum {
    SG_FACE_ERROR_UNREADABLE_IMAGE = -1, /* not a JPEG or PNG that decodes */
    SG_FACE_ERROR_INTERNAL = -2,         /* anything else; the message says what */
    SG_FACE_ERROR_TOO_LARGE = -3         /* declares more pixels than the limit; the message gives its size */
};

typedef struct sg_face_engine sg_face_engine;

/* One face found in an image: its box in the oriented, scaled image and its descriptor. */
typedef struct {
    int32_t left, top, right, bottom;
    float descriptor[SG_FACE_DESCRIPTOR_LENGTH];
} sg_face;

/* Loads the two models; on failure returns NULL and writes the reason into error. */
sg_face_engine *sg_face_engine_open(const char *landmarks_path, const char *descriptor_path,
                                    char *error, size_t error_capacity);

/* Frees an engine. */
void sg_face_engine_close(sg_face_engine *engine);

/* Decodes a JPEG or PNG of at most max_pixels (a larger one is refused from its header, before any decoding;
   a large JPEG is decoded already scaled down by libjpeg), scales it down so that its longer side is at most
   max_side pixels, applies the EXIF orientation (1-8), finds the faces and describes them. Writes at most
   capacity faces and returns how many were found (which may be more), or a negative SG_FACE_ERROR_*; error
   receives a message. */
int sg_face_engine_describe(sg_face_engine *engine, const uint8_t *bytes, size_t length, int orientation,
                            int max_side, int64_t max_pixels, sg_face *faces, int capacity, char *error,
                            size_t error_capacity);

/* The width and height a JPEG or PNG declares in its header, read without decoding it. Returns 0, or
   SG_FACE_ERROR_UNREADABLE_IMAGE. */
int sg_face_image_size(const uint8_t *bytes, size_t length, int32_t *width, int32_t *height);

/* Decodes a JPEG or PNG and applies the EXIF orientation: *rgb receives width*height*3 bytes (free them with
   sg_face_free). Returns 0, or a negative SG_FACE_ERROR_*. */
int sg_face_decode_rgb(const uint8_t *bytes, size_t length, int orientation, int32_t *width, int32_t *height,
                       uint8_t **rgb);

/* Frees memory this API allocated. */
void sg_face_free(void *pointer);

#ifdef __cplusplus
}
#endif

#endif
