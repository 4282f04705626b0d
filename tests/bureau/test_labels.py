from planner.bureau.labels import TEXT, fields


def test_every_key_in_both_languages_with_the_same_fields():
    for key, (zh, en) in TEXT.items():
        assert zh and en, key
        assert fields(zh) == fields(en), key
