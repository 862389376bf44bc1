// The face engine: dlib's HOG detector, 5-point shape predictor and ResNet descriptor (the network of dlib's
// dnn_face_recognition_ex.cpp, whose weights are dlib_face_recognition_resnet_model_v1.dat).
#include "securegate_face.h"
#include "image_decoder.h"

#include <dlib/dnn.h>
#include <dlib/image_io.h>
#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_transforms.h>

#include <algorithm>
#include <cstdint>
#include <new>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

using namespace dlib;

namespace {

template <template <int, template <typename> class, int, typename> class block, int N,
          template <typename> class BN, typename SUBNET>
using residual = add_prev1<block<N, BN, 1, tag1<SUBNET>>>;

template <template <int, template <typename> class, int, typename> class block, int N,
          template <typename> class BN, typename SUBNET>
using residual_down = add_prev2<avg_pool<2, 2, 2, 2, skip1<tag2<block<N, BN, 2, tag1<SUBNET>>>>>>;

template <int N, template <typename> class BN, int stride, typename SUBNET>
using block = BN<con<N, 3, 3, 1, 1, relu<BN<con<N, 3, 3, stride, stride, SUBNET>>>>>;

template <int N, typename SUBNET> using ares = relu<residual<block, N, affine, SUBNET>>;
template <int N, typename SUBNET> using ares_down = relu<residual_down<block, N, affine, SUBNET>>;

template <typename SUBNET> using alevel0 = ares_down<256, SUBNET>;
template <typename SUBNET> using alevel1 = ares<256, ares<256, ares_down<256, SUBNET>>>;
template <typename SUBNET> using alevel2 = ares<128, ares<128, ares_down<128, SUBNET>>>;
template <typename SUBNET> using alevel3 = ares<64, ares<64, ares<64, ares_down<64, SUBNET>>>>;
template <typename SUBNET> using alevel4 = ares<32, ares<32, ares<32, SUBNET>>>;

using descriptor_net = loss_metric<fc_no_bias<128, avg_pool_everything<
    alevel0<alevel1<alevel2<alevel3<alevel4<
    max_pool<3, 3, 2, 2, relu<affine<con<32, 7, 7, 2, 2, input_rgb_image_sized<150>>>>>>>>>>>>>;

using image = matrix<rgb_pixel>;

void write_error(char *error, size_t capacity, const std::string &message) {
    if (error == nullptr || capacity == 0) return;
    size_t length = std::min(message.size(), capacity - 1);
    std::memcpy(error, message.data(), length);
    error[length] = '\0';
}

// Turns the stored pixels the way EXIF orientation 1-8 says they are to be shown.
image oriented(const image &source, int orientation) {
    if (orientation < 2 || orientation > 8) return source;
    const long w = source.nc(), h = source.nr();
    const bool swaps = orientation >= 5;
    image out(swaps ? w : h, swaps ? h : w);
    for (long dy = 0; dy < out.nr(); ++dy) {
        for (long dx = 0; dx < out.nc(); ++dx) {
            long sx = dx, sy = dy;
            switch (orientation) {
            case 2: sx = w - 1 - dx; sy = dy; break;
            case 3: sx = w - 1 - dx; sy = h - 1 - dy; break;
            case 4: sx = dx; sy = h - 1 - dy; break;
            case 5: sx = dy; sy = dx; break;
            case 6: sx = dy; sy = h - 1 - dx; break;
            case 7: sx = w - 1 - dy; sy = h - 1 - dx; break;
            case 8: sx = w - 1 - dy; sy = dx; break;
            }
            out(dy, dx) = source(sy, sx);
        }
    }
    return out;
}

// Decodes within max_pixels, scales down to max_side on the longer side, then turns the picture upright:
// scaled first, so that turning it copies the small picture, not the large one.
int load(const uint8_t *bytes, size_t length, int orientation, int64_t max_pixels, int max_side, image &out,
         char *error, size_t error_capacity) {
    image decoded;
    int32_t width = 0, height = 0;
    switch (securegate::decode_image(bytes, length, max_pixels, max_side, decoded, width, height)) {
    case securegate::decode_status::ok: break;
    case securegate::decode_status::too_large:
        write_error(error, error_capacity, std::to_string(width) + "x" + std::to_string(height) + " pixels");
        return SG_FACE_ERROR_TOO_LARGE;
    case securegate::decode_status::unreadable:
        write_error(error, error_capacity, "not a JPEG or PNG image");
        return SG_FACE_ERROR_UNREADABLE_IMAGE;
    }
    const long longer = std::max(decoded.nr(), decoded.nc());
    if (max_side > 0 && longer > max_side) {
        const double scale = double(max_side) / double(longer);
        image scaled(std::max(1L, long(decoded.nr() * scale)), std::max(1L, long(decoded.nc() * scale)));
        resize_image(decoded, scaled);
        decoded.swap(scaled);
    }
    out = oriented(decoded, orientation);
    return 0;
}

} // namespace

struct sg_face_engine {
    frontal_face_detector detector = get_frontal_face_detector();
    shape_predictor landmarks;
    descriptor_net net;
};

extern "C" sg_face_engine *sg_face_engine_open(const char *landmarks_path, const char *descriptor_path,
                                               char *error, size_t error_capacity) {
    auto *engine = new (std::nothrow) sg_face_engine();
    if (engine == nullptr) {
        write_error(error, error_capacity, "out of memory");
        return nullptr;
    }
    try {
        deserialize(landmarks_path) >> engine->landmarks;
        deserialize(descriptor_path) >> engine->net;
        return engine;
    } catch (const std::exception &exception) {
        write_error(error, error_capacity, exception.what());
        delete engine;
        return nullptr;
    }
}

extern "C" void sg_face_engine_close(sg_face_engine *engine) { delete engine; }

extern "C" int sg_face_engine_describe(sg_face_engine *engine, const uint8_t *bytes, size_t length,
                                       int orientation, int max_side, int64_t max_pixels, sg_face *faces,
                                       int capacity, char *error, size_t error_capacity) {
    image picture;
    try {
        const int loaded = load(bytes, length, orientation, max_pixels, max_side, picture, error, error_capacity);
        if (loaded != 0) return loaded;
    } catch (const std::bad_alloc &) {
        write_error(error, error_capacity, "out of memory");
        return SG_FACE_ERROR_INTERNAL;
    } catch (const std::exception &exception) {
        write_error(error, error_capacity, exception.what());
        return SG_FACE_ERROR_UNREADABLE_IMAGE;
    }
    try {
        std::vector<rectangle> boxes = engine->detector(picture);
        const int written = std::min<int>(int(boxes.size()), capacity);
        std::vector<image> chips;
        for (int index = 0; index < written; ++index) {
            full_object_detection shape = engine->landmarks(picture, boxes[index]);
            image chip;
            extract_image_chip(picture, get_face_chip_details(shape, 150, 0.25), chip);
            chips.push_back(std::move(chip));
        }
        std::vector<matrix<float, 0, 1>> descriptors = engine->net(chips);
        for (int index = 0; index < written; ++index) {
            faces[index].left = int32_t(boxes[index].left());
            faces[index].top = int32_t(boxes[index].top());
            faces[index].right = int32_t(boxes[index].right());
            faces[index].bottom = int32_t(boxes[index].bottom());
            for (int k = 0; k < SG_FACE_DESCRIPTOR_LENGTH; ++k) faces[index].descriptor[k] = descriptors[index](k);
        }
        return int(boxes.size());
    } catch (const std::exception &exception) {
        write_error(error, error_capacity, exception.what());
        return SG_FACE_ERROR_INTERNAL;
    }
}

extern "C" int sg_face_image_size(const uint8_t *bytes, size_t length, int32_t *width, int32_t *height) {
    return securegate::image_size(bytes, length, *width, *height) == securegate::decode_status::ok
        ? 0 : SG_FACE_ERROR_UNREADABLE_IMAGE;
}

extern "C" int sg_face_decode_rgb(const uint8_t *bytes, size_t length, int orientation, int32_t *width,
                                  int32_t *height, uint8_t **rgb) {
    image picture;
    try {
        const int loaded = load(bytes, length, orientation, INT64_MAX, 0, picture, nullptr, 0);
        if (loaded != 0) return loaded;
    } catch (const std::exception &) {
        return SG_FACE_ERROR_UNREADABLE_IMAGE;
    }
    const size_t count = size_t(picture.nr()) * size_t(picture.nc());
    auto *pixels = static_cast<uint8_t *>(std::malloc(count * 3));
    if (pixels == nullptr) return SG_FACE_ERROR_INTERNAL;
    for (long y = 0; y < picture.nr(); ++y) {
        for (long x = 0; x < picture.nc(); ++x) {
            const rgb_pixel &pixel = picture(y, x);
            uint8_t *out = pixels + (size_t(y) * size_t(picture.nc()) + size_t(x)) * 3;
            out[0] = pixel.red;
            out[1] = pixel.green;
            out[2] = pixel.blue;
        }
    }
    *width = int32_t(picture.nc());
    *height = int32_t(picture.nr());
    *rgb = pixels;
    return 0;
}

extern "C" void sg_face_free(void *pointer) { std::free(pointer); }
