# tests/vault: owned by whoever writes its tests
