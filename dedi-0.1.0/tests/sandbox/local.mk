# tests/sandbox: owned by whoever writes its tests
