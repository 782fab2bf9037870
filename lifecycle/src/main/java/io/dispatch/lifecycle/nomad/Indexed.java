package io.dispatch.lifecycle.nomad;

/**
 * What a Nomad read answered, and the {@code X-Nomad-Index} it answered at: the index the next
 * blocking query waits to pass.
 *
 * @param value the object read; null when Nomad answered none (a job without a deployment yet)
 * @param index the answer's index, or 0 when it carried none
 */
record Indexed<T>(T value, long index) {}
