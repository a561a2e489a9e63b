package analysis

// vocab numbers every word any rule mentions, so that matching compares
// small integers in bitsets instead of hashing strings: each token is
// looked up once per sentence.
type vocab map[string]int32

func (v vocab) id(w string) int32 {
	if id, ok := v[w]; ok {
		return id
	}
	id := int32(len(v))
	v[w] = id
	return id
}

// bitset is a set of vocabulary ids.
type bitset []uint64

func newBitset(v vocab, words map[string]bool) bitset {
	b := make(bitset, (len(v)+63)/64)
	for w := range words {
		if id, ok := v[w]; ok {
			b[id>>6] |= 1 << (uint(id) & 63)
		}
	}
	return b
}

// has reports whether id (>= 0) is in the set; -1 (unknown word) never is.
func (b bitset) has(id int32) bool {
	return id >= 0 && int(id>>6) < len(b) && b[id>>6]&(1<<(uint(id)&63)) != 0
}
