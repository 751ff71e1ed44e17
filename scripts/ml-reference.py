#!/usr/bin/env python3
"""Reference for `npm run bench -- ml` (bench/groups/ml.ts): scikit-learn logistic regression on
TF-IDF word (1-2) and character (3-5, within word boundaries) n-grams, on the same texts, labels
and folds as the TF.js text model.

Input (JSON file, argv[1]): {"texts": [...], "y": [...], "folds": [...], "y_noisy": [...],
"train_texts": [...], "train_y": [...]}. Output (JSON on stdout): 5-fold accuracy, out-of-fold
probabilities on the noisy labels (for confident learning, done by the caller), and the time to fit
on `train_texts`.
"""
import json
import sys
import time

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression


def features(train, test):
    word = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2)
    xtr = hstack([word.fit_transform(train), char.fit_transform(train)]).tocsr()
    xte = hstack([word.transform(test), char.transform(test)]).tocsr()
    return xtr, xte


def oof(texts, y, folds):
    k = int(folds.max()) + 1
    classes = int(y.max()) + 1
    probs = np.zeros((len(texts), classes))
    for f in range(k):
        tr = np.where(folds != f)[0]
        te = np.where(folds == f)[0]
        xtr, xte = features([texts[i] for i in tr], [texts[i] for i in te])
        model = LogisticRegression(C=10.0, max_iter=1000)
        model.fit(xtr, y[tr])
        probs[te] = model.predict_proba(xte)
    return probs


def main():
    data = json.load(open(sys.argv[1]))
    texts = data["texts"]
    y = np.array(data["y"])
    folds = np.array(data["folds"])
    probs = oof(texts, y, folds)
    accuracy = float((probs.argmax(1) == y).mean())
    noisy = oof(texts, np.array(data["y_noisy"]), folds)
    t0 = time.perf_counter()
    xtr, _ = features(data["train_texts"], data["train_texts"][:1])
    LogisticRegression(C=10.0, max_iter=1000).fit(xtr, np.array(data["train_y"]))
    fit_ms = (time.perf_counter() - t0) * 1000
    json.dump(
        {"accuracy": accuracy, "oof_noisy": noisy.ravel().tolist(), "fit_10k_ms": fit_ms},
        sys.stdout,
    )


if __name__ == "__main__":
    main()
