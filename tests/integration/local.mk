# tests/integration: owned by whoever writes its tests
