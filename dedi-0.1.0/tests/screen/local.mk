# tests/screen: owned by whoever writes its tests
