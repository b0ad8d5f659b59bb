from tests.conftest import MINIMAL, findings


def test_repeated_menu_key_is_reported_at_the_second_key(write):
    path = write("""
        ivr: 1
        start: menu
        nodes:
          menu:
            type: menu
            options:
              "0": agent
              "0": goodbye
            on_max_retries: agent
          agent: {type: queue}
          goodbye: {type: hangup}
    """)
    assert findings(path, select="duplicate-key") == [("duplicate-key", 8, 7)]


def test_repeated_node_id_is_reported(write):
    path = write(MINIMAL + "  agent:\n    type: hangup\n")
    assert findings(path, select="duplicate-key") == [("duplicate-key", 11, 3)]


def test_repeated_field_in_a_node_is_reported_once(write):
    path = write(MINIMAL.replace("    on_max_retries: agent", "    on_max_retries: agent\n    on_max_retries: agent"))
    assert findings(path, select="duplicate-key") == [("duplicate-key", 9, 5)]


def test_merge_keys_are_not_duplicates(write):
    path = write("""
        ivr: 1
        start: menu
        nodes:
          menu: &menu
            type: menu
            options: {"0": agent}
            on_max_retries: agent
          menu2:
            <<: *menu
            on_max_retries: agent
          agent: {type: queue}
    """)
    assert findings(path, select="duplicate-key") == []


def test_distinct_keys_pass(write):
    assert findings(write(MINIMAL), select="duplicate-key") == []
