# tests/bench: owned by whoever writes its tests
