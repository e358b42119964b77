from __future__ import annotations

import tomllib

import pytest

from myofeed.classify import Classifier
from myofeed.config import TopicsFile

from ..conftest import TOPICS


@pytest.fixture(scope="session")
def topics_file() -> TopicsFile:
    with open(TOPICS, "rb") as fh:
        return TopicsFile.model_validate(tomllib.load(fh))


@pytest.fixture(scope="session")
def classifier(topics_file: TopicsFile) -> Classifier:
    return Classifier.from_topics(topics_file)
