# tests/unit: owned by whoever writes its tests
