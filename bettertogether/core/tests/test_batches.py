from bettertogether.core.batches import IDS_PER_QUERY, batches


def test_batches_keep_the_order_and_hold_at_most_the_size() -> None:
    assert list(batches([1, 2, 3, 4, 5], 2)) == [[1, 2], [3, 4], [5]]
    assert list(batches(iter("abc"), 3)) == [["a", "b", "c"]]
    assert list(batches([], 2)) == []


def test_a_long_list_of_ids_is_read_in_pieces_each_database_accepts() -> None:
    pieces = list(batches(range(IDS_PER_QUERY * 2 + 1)))
    assert [len(piece) for piece in pieces] == [IDS_PER_QUERY, IDS_PER_QUERY, 1]
    assert [n for piece in pieces for n in piece] == list(range(IDS_PER_QUERY * 2 + 1))
