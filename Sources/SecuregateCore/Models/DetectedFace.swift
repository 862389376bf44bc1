/// A face found in a photo: where it is (in the photo as shown, after EXIF orientation) and its descriptor.
public struct DetectedFace: Sendable, Equatable {
    public var left: Int
    public var top: Int
    public var right: Int
    public var bottom: Int
    public var descriptor: FaceDescriptor

    public init(left: Int, top: Int, right: Int, bottom: Int, descriptor: FaceDescriptor) {
        self.left = left
        self.top = top
        self.right = right
        self.bottom = bottom
        self.descriptor = descriptor
    }

    /// The box's area in pixels: the largest face is the one nearest the camera.
    public var area: Int { max(0, right - left) * max(0, bottom - top) }
}
