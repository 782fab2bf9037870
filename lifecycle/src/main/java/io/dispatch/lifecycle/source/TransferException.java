package io.dispatch.lifecycle.source;

import java.io.IOException;

/**
 * Reading the download failed (connection reset, timed out, aborted), as opposed to the bytes read
 * being wrong. Wraps the original so that extraction lets it through untouched.
 */
final class TransferException extends IOException {

  TransferException(IOException cause) {
    super(cause.getMessage(), cause);
  }
}
