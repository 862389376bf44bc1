import Dispatch
import Foundation
import SecuregateCore
import SecuregateFace
import SecuregateQR

/// Reads the QR codes of camera frames: decoded to gray (libjpeg, libpng) and scanned by ZBar, on threads of
/// their own rather than the cooperative pool's few, a few frames at a time; beyond a short line a frame is
/// refused as busy rather than left to pile up.
public struct ZBarCodeReader: CodeReader {
    /// The serial queues frames are read on, one frame at a time each.
    let readers: WorkerPool<DispatchQueue>
    /// The most pixels a frame may declare: a camera frame is scaled down before it is sent.
    let maxPixels: Int

    public init(concurrency: Int = max(1, ProcessInfo.processInfo.activeProcessorCount), maxWaiting: Int = 64, maxPixels: Int = 16_000_000) {
        self.maxPixels = maxPixels
        readers = WorkerPool(limit: concurrency, maxWaiting: maxWaiting) {
            DispatchQueue(label: "securegate.frames", qos: .userInitiated)
        }
    }

    public func codes(in frame: Data) async throws -> [String] {
        let queue: DispatchQueue
        do {
            queue = try await readers.take()
        } catch is WorkerPoolFull {
            throw SecuregateError.frameReaderBusy
        }
        let maxPixels = self.maxPixels
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<[String], any Error>, Never>) in
            queue.async {
                continuation.resume(returning: Result {
                    let image = try GrayImage(decoding: frame, maxPixels: maxPixels)
                    return QRDecoder.codes(gray: image.pixels, width: image.width, height: image.height)
                })
            }
        }
        await readers.give(queue)
        return try result.get()
    }
}
