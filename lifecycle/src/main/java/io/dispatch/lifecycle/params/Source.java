package io.dispatch.lifecycle.params;

/** Where a repository deployment's source comes from. */
public sealed interface Source permits GitSource, UploadSource {}
