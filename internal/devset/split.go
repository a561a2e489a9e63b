package devset

import "hash/fnv"

// Split names.
const (
	SplitDev  = "dev"
	SplitTest = "test"
)

// SplitOf is the split rule: "test" when fnv32a(key) % 10 < 3, else "dev".
// The key of a corpus sentence is its file path relative to the corpus root
// (so every sentence of one document lands in the same split); the key of a
// written sentence is its id. About 30% of keys fall in test.
func SplitOf(key string) string {
	h := fnv.New32a()
	_, _ = h.Write([]byte(key))
	if h.Sum32()%10 < 3 {
		return SplitTest
	}
	return SplitDev
}
